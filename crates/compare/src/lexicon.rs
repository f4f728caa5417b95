//! Hand-written word lists: titles, speech cues, stop words, a small gazetteer of
//! places, organisations and first names, demonyms, number words and units.
//!
//! Every list here was written for this crate from general knowledge of English
//! news prose; none is fitted to a benchmark. Lookups take lowercase words.
//! This module does NOT decide anything: it only answers "is this word in list X".

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

macro_rules! word_set {
    ($(#[$doc:meta])* $name:ident, $words:expr) => {
        $(#[$doc])*
        pub(crate) fn $name(w: &str) -> bool {
            static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
            let s = CELL.get_or_init(|| $words.split_whitespace().collect());
            s.contains(w)
        }
    };
}

word_set!(
    /// Abbreviations that end with a period without ending a sentence.
    is_abbreviation,
    "mr mrs ms dr gen sen rep st jr sr prof gov lt col capt sgt maj cmdr adm brig fr rev hon pres supt insp det \
     no nos vs etc inc corp co ltd plc jan feb mar apr jun jul aug sep sept oct nov dec approx dept est fig \
     mt ft ave blvd u.s u.k u.n e.g i.e a.m p.m al mssrs messrs"
);

word_set!(
    /// Titles and roles that precede a person's name ("Gen. Valery Gerasimov").
    is_title,
    "mr mrs ms miss dr gen general sen senator rep representative gov governor president vice prime minister \
     secretary chancellor premier king queen prince princess sir dame lord lady judge justice prof professor \
     lt lieutenant col colonel capt captain sgt sergeant maj major cmdr commander adm admiral brig brigadier \
     marshal officer deputy chief director chairman chairwoman chair spokesman spokeswoman spokesperson ambassador \
     envoy pope cardinal bishop archbishop father rev reverend rabbi imam sheikh mayor attorney solicitor \
     barrister detective inspector superintendent constable councillor councilman councilwoman congressman \
     congresswoman speaker leader minister ceo chief-executive founder coach manager striker defender \
     first second defense defence foreign interior finance foreign-minister state assistant acting former \
     presidential special supreme high commissioner counsel advocate editor correspondent analyst author \
     actor actress singer star comedian presenter host dj mp mep"
);

word_set!(
    /// Nouns for people that can head a described speaker ("a spokesman", "officials").
    is_human_noun,
    "official officials spokesman spokeswoman spokesperson source sources aide aides adviser advisers advisor \
     analyst analysts expert experts lawyer lawyers prosecutor prosecutors officer officers witness witnesses \
     resident residents activist activists lawmaker lawmakers diplomat diplomats representative representatives"
);

word_set!(
    /// Words of a role that can stand for a head of state or government ("the Russian leader").
    is_leader_role,
    "president premier chancellor king queen leader prime emir sultan monarch head"
);

word_set!(
    /// Verbs and phrases that introduce speech (lowercase, any inflection listed).
    is_speech_verb,
    "say says said saying tell tells told telling add adds added state states stated note notes noted \
     stress stresses stressed declare declares declared announce announces announced warn warns warned \
     explain explains explained argue argues argued claim claims claimed insist insists insisted write writes \
     wrote ask asks asked reply replies replied continue continues continued summarize summarized summarised \
     tweet tweets tweeted report reports reported acknowledge acknowledged admit admits admitted suggest \
     suggests suggested urge urges urged recall recalls recalled emphasize emphasized emphasised emphasizes \
     observe observed comment comments commented remark remarked conclude concluded confirm confirms confirmed \
     deny denies denied respond responds responded testify testified predict predicted vow vowed promise \
     promised pledge pledged complain complained concede conceded maintain maintained contend contended \
     counter countered quip quipped joke joked lament lamented boast boasted assert asserts asserted \
     allege alleged alleges mused muse exclaimed shouted whispered agreed agree agrees disclosed revealed \
     reveals estimated estimates accused accuses charged warned cautioned indicated indicates believes \
     believed thinks thought"
);

word_set!(
    /// Verbs that put a label in quotation marks on something: the quoted
    /// words are the subject's ("Romney called the comments “offensive”").
    is_naming_verb,
    "called calls described describes dubbed dubs branded brands labeled labelled labels"
);

word_set!(
    /// Speech verbs strong enough to introduce reported speech without "that"
    /// ("Putin said the operation was over").
    is_bare_report_verb,
    "say says said tell tells told add adds added"
);

word_set!(
    /// Function words ignored when comparing sentences.
    is_stopword,
    "a an the and or but nor so yet for of to in on at by with from into onto upon over under about above below \
     between among through during before after since until while as than then that this these those there here \
     which who whom whose what when where why how is are was were be been being am do does did done doing have \
     has had having will would shall should can could may might must it its it's itself he him his himself she \
     her hers herself they them their theirs themselves we us our ours ourselves you your yours i me my mine \
     not no also just only very more most much many some any all each every both either neither other another \
     such own same too again further once s t one if because against up down out off very s also even still \
     now however although though whether whereas per via said says say told tell according"
);

word_set!(
    /// Prepositions and adverbs that open a sentence before a name ("Despite
    /// Trump saying ...", "Earlier Sunday, ..."): not part of the name. Kept
    /// out of [`is_stopword`], which also weighs words for claims.
    is_name_opener,
    "despite amid amidst unlike toward towards across around without within throughout beyond behind near \
     earlier later meanwhile"
);

word_set!(
    /// Words that negate a clause.
    is_negation,
    "not no never nor none nobody nothing neither cannot can't won't don't doesn't didn't isn't aren't wasn't \
     weren't hasn't haven't hadn't couldn't shouldn't wouldn't n't denied denies deny false untrue wrong"
);

word_set!(
    /// Pronouns that can stand for a speaker.
    is_person_pronoun,
    "he she"
);

word_set!(
    /// Adverbs often found between a speaker and the speech verb.
    is_speech_adverb,
    "also later then again once further repeatedly previously recently earlier today yesterday tonight \
     reportedly publicly privately firmly clearly bluntly"
);

word_set!(
    /// Month names and abbreviations.
    is_month,
    "january february march april may june july august september october november december jan feb mar apr \
     jun jul aug sep sept oct nov dec"
);

word_set!(
    /// Weekday names.
    is_weekday,
    "monday tuesday wednesday thursday friday saturday sunday"
);

word_set!(
    /// Words that end an organisation's name or mark it as one.
    is_org_word,
    "ministry department office agency army navy forces force council committee commission coalition party \
     union association federation league institute university college school hospital bank corporation corp \
     inc ltd plc company group news times post journal herald guardian telegraph mail express mirror star \
     tribune gazette network channel tv radio press court senate congress parliament assembly government \
     administration cabinet police service services staff command kremlin pentagon organization organisation \
     foundation fund society church board authority bureau center centre club team airlines airways railways \
     state-department reuters observatory brigade regiment battalion division fbi cia nsa nato isis isil \
     daesh hamas hezbollah taliban qaeda un eu who imf opec sdf ypg pkk naacp gop fifa uefa bbc cnn nbc abc \
     cbs ap afp pa rt tass nasa mpn saa nhs dnc rnc"
);

word_set!(
    /// Words that end a place's name.
    is_place_word,
    "river sea ocean lake mountains mountain province region desert city county state island islands valley \
     gulf bay strait peninsula district street road square avenue airport border heights coast"
);

word_set!(
    /// Countries, regions and cities (lowercase, multi-word names joined by spaces are listed word by word
    /// only when the words are unambiguous; full names live in `PLACES`).
    is_place_single,
    "afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain \
     bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria \
     burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia \
     denmark djibouti dominica ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia \
     georgia germany ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland india \
     indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati kosovo kuwait \
     kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi \
     malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro \
     morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan \
     palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa \
     senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland \
     syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine \
     uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe england scotland wales britain uk u.k \
     us u.s usa america europe asia africa antarctica australia crimea donbas kurdistan gaza jerusalem \
     kabul baghdad damascus aleppo homs idlib raqqa mosul palmyra deir tehran riyadh beirut amman cairo \
     ankara istanbul moscow kiev kyiv minsk warsaw berlin paris london madrid rome vienna prague budapest \
     brussels amsterdam stockholm oslo copenhagen helsinki dublin lisbon athens geneva zurich beijing shanghai \
     tokyo seoul pyongyang delhi mumbai karachi islamabad kathmandu dhaka bangkok manila jakarta hanoi \
     sydney melbourne toronto montreal vancouver ottawa washington york chicago boston houston dallas miami \
     atlanta seattle denver phoenix philadelphia detroit baltimore brooklyn manhattan los angeles francisco \
     california texas florida ohio michigan arizona nevada oregon utah colorado iowa kansas missouri kentucky \
     tennessee alabama mississippi louisiana arkansas oklahoma nebraska dakota montana idaho wyoming alaska \
     hawaii virginia carolina maryland delaware pennsylvania jersey connecticut massachusetts vermont \
     hampshire maine illinois indiana wisconsin minnesota manchester liverpool birmingham leeds glasgow \
     edinburgh cardiff belfast bristol sheffield newcastle nottingham oxford cambridge brighton norwich \
     euphrates tigris nile sahara sinai golan mediterranean balkans caucasus siberia \
     latin middle east west north south"
);

word_set!(
    /// Organisations known by one word.
    is_org_single,
    "nato isis isil daesh hamas hezbollah taliban al-qaeda qaeda un eu imf opec sdf ypg pkk naacp gop fifa \
     uefa bbc cnn nbc abc cbs msnbc fox ap afp reuters pa rt tass kremlin pentagon fbi cia nsa nasa google \
     facebook twitter apple microsoft amazon youtube telegram congress parliament senate duma interpol \
     wikileaks greenpeace unicef unesco opcw icc who wto"
);

word_set!(
    /// Common first names (many languages), lowercase.
    is_first_name,
    "james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony \
     mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan \
     jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander \
     frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle \
     walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence \
     jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy \
     eugene vincent russell elijah louis bobby philip johnny mary patricia jennifer linda elizabeth barbara \
     susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily donna michelle dorothy \
     carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen \
     anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth \
     maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith \
     megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice \
     madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana \
     brittany natalie isabella charlotte rose alexis kayla hillary barack mitt bernie nancy chuck mitch \
     kamala rudy rick ted newt sarah dick condoleezza colin hilary tony gordon boris theresa margaret \
     nicola jeremy keir rishi liz vladimir sergei sergey dmitry dmitri valery valeri valentina mikhail \
     alexei alexey aleksandr alexandr nikolai ivan igor oleg yuri yury andrei andrey maria olga tatiana \
     svetlana natalia irina viktor victor vasily pyotr leonid boris ramzan bashar hafez recep tayyip \
     emmanuel francois jacques nicolas angela olaf helmut gerhard silvio matteo giuseppe mario pedro \
     carlos luis miguel javier felipe vicente enrique andres manuel jorge alejandro fernando ricardo \
     hugo nicolas evo lula dilma jair xi jinping li wen hu shinzo fumio narendra imran nawaz benazir \
     benjamin bibi naftali yair ehud ariel shimon yitzhak mahmoud yasser ismail khaled mohammed muhammad \
     mohamed ahmed ahmad ali hassan hussein hosni abdel abdul omar osama ayman abu ibrahim mustafa \
     salman mohammad ayatollah hassan ebrahim javad qasem volodymyr petro viktor yulia alexander lindsay \
     tara kim kanye taylor beyonce oprah elon jeff mark bill melinda warren steve tim sundar satya jared \
     ivanka melania kellyanne sean sarah huckabee lindsey marco rand jeb mike chris nikki ron gavin andrew \
     eric alexandria ilhan rashida ayanna adam jerrold elijah devin trey kevin paul mitch john lisa susan \
     jay anita brad dan keith david catherine jason justin bob nigel"
);

word_set!(
    /// Words that mark a sentence as disputing another claim.
    is_dispute_word,
    "ridiculous absurd false untrue myth baseless falsely wrongly erroneously misleading nonsense fake \
     debunked groundless unfounded"
);

/// Phrases (lowercase, single spaces) that mark a dispute or a correction.
pub(crate) const DISPUTE_PHRASES: &[&str] = &[
    "in reality",
    "in fact",
    "in practice",
    "contrary to",
    "is not true",
    "not the case",
    "far from",
    "rather than",
    "on the contrary",
    "despite claims",
    "no evidence",
    "actually",
];

/// Abbreviated titles mapped to the role word ("gov" -> "governor").
pub(crate) fn title_expansion(w: &str) -> Option<&'static str> {
    Some(match w {
        "gov" => "governor",
        "sen" => "senator",
        "rep" => "representative",
        "gen" => "general",
        "lt" => "lieutenant",
        "col" => "colonel",
        "capt" => "captain",
        "sgt" => "sergeant",
        "maj" => "major",
        "adm" => "admiral",
        "pres" => "president",
        "prof" => "professor",
        "supt" => "superintendent",
        _ => return None,
    })
}

/// Demonyms mapped to the place they name ("Russian" -> "russia").
pub(crate) fn demonym_place(w: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let m = MAP.get_or_init(|| {
        [
            ("russian", "russia"),
            ("russians", "russia"),
            ("syrian", "syria"),
            ("syrians", "syria"),
            ("american", "us"),
            ("americans", "us"),
            ("iraqi", "iraq"),
            ("iraqis", "iraq"),
            ("iranian", "iran"),
            ("iranians", "iran"),
            ("turkish", "turkey"),
            ("british", "uk"),
            ("english", "england"),
            ("french", "france"),
            ("german", "germany"),
            ("germans", "germany"),
            ("chinese", "china"),
            ("japanese", "japan"),
            ("israeli", "israel"),
            ("israelis", "israel"),
            ("palestinian", "palestine"),
            ("palestinians", "palestine"),
            ("ukrainian", "ukraine"),
            ("ukrainians", "ukraine"),
            ("kurdish", "kurdistan"),
            ("kurds", "kurdistan"),
            ("saudi", "saudi arabia"),
            ("jordanian", "jordan"),
            ("lebanese", "lebanon"),
            ("egyptian", "egypt"),
            ("libyan", "libya"),
            ("afghan", "afghanistan"),
            ("pakistani", "pakistan"),
            ("indian", "india"),
            ("mexican", "mexico"),
            ("canadian", "canada"),
            ("italian", "italy"),
            ("spanish", "spain"),
            ("polish", "poland"),
            ("korean", "korea"),
            ("western", "west"),
            ("european", "europe"),
            ("soviet", "russia"),
        ]
        .into_iter()
        .collect()
    });
    m.get(w).copied()
}

/// Multi-word place names (lowercase) that the single-word list cannot hold.
pub(crate) const PLACES: &[&str] = &[
    "united states",
    "united kingdom",
    "saudi arabia",
    "south korea",
    "north korea",
    "new zealand",
    "south africa",
    "united arab emirates",
    "middle east",
    "new york",
    "los angeles",
    "san francisco",
    "hong kong",
    "west bank",
    "gaza strip",
    "golan heights",
    "sri lanka",
    "el salvador",
    "costa rica",
    "puerto rico",
    "syrian arab republic",
    "czech republic",
    "dominican republic",
    "ivory coast",
    "new jersey",
    "new mexico",
    "new hampshire",
    "north carolina",
    "south carolina",
    "north dakota",
    "south dakota",
    "west virginia",
    "rhode island",
    "kansas city",
    "st. louis",
];

/// Multi-word organisation names (lowercase).
pub(crate) const ORGS: &[&str] = &[
    "white house",
    "united nations",
    "european union",
    "islamic state",
    "state department",
    "supreme court",
    "high court",
    "crown court",
    "general staff",
    "defense ministry",
    "defence ministry",
    "tea party",
    "al qaeda",
    "press association",
    "security council",
    "red cross",
    "amnesty international",
    "human rights watch",
    "free syrian army",
    "democratic party",
    "republican party",
    "labour party",
    "conservative party",
];

word_set!(
    /// Number words and their use as numerals.
    is_number_word,
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
     seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand \
     million billion trillion dozen dozens hundreds thousands millions"
);

/// The numeric value of a number word, when it has one on its own.
pub(crate) fn number_word_value(w: &str) -> Option<f64> {
    let v = match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    };
    Some(v)
}

/// Scale words that multiply the number before them ("3 million").
pub(crate) fn scale_word(w: &str) -> Option<f64> {
    match w {
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" | "mln" | "m" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

word_set!(
    /// Words that may follow a number without being its unit.
    is_not_unit,
    "of the a an and or to in on at by for from with as than that this is are was were has have had will \
     would per cent percent more less about some around nearly almost over under its their his her who which"
);
