//! A small, fast, forgiving HTML tokenizer and tree builder made for text
//! extraction: one flat arena of nodes (elements and text), linked by indices.
//!
//! What it does: lower-cases tag names, keeps only the attributes extraction
//! needs (`class`, `id`, `itemprop`, `role` folded into one lower-case "hint"
//! string, plus hidden-ness and `href` presence), decodes character references in
//! text, skips the contents of raw-text elements (`script`, `style`, ...),
//! closes the elements HTML closes implicitly (`p`, `li`, `td`, ...), and caps the
//! nesting depth so that no later walk can grow without bound.
//!
//! What it does NOT do: the full HTML5 tree-construction algorithm (no adoption
//! agency, no foster parenting, no foreign content), and it keeps no attribute
//! values beyond the hints above. It never recurses and never panics; time and
//! memory are linear in the input.

use crate::entities;

/// Deepest nesting kept; deeper start tags are folded into their ancestor.
pub(crate) const MAX_DEPTH: usize = 256;

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = u32;
/// "No node".
pub(crate) const NONE: NodeId = u32::MAX;

/// The element names extraction tells apart; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub(crate) enum Tag {
    Root,
    A,
    Abbr,
    Address,
    Article,
    Aside,
    Audio,
    B,
    Blockquote,
    Body,
    Br,
    Button,
    Canvas,
    Caption,
    Center,
    Code,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Em,
    Embed,
    Fieldset,
    Figcaption,
    Figure,
    Font,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Head,
    Header,
    Hr,
    Html,
    I,
    Iframe,
    Img,
    Input,
    Label,
    Li,
    Link,
    Main,
    Map,
    Menu,
    Meta,
    Nav,
    Noscript,
    Object,
    Ol,
    Optgroup,
    Option,
    P,
    Picture,
    Pre,
    Q,
    S,
    Script,
    Section,
    Select,
    Small,
    Source,
    Span,
    Strong,
    Style,
    Sub,
    Summary,
    Sup,
    Svg,
    Table,
    Tbody,
    Td,
    Template,
    Textarea,
    Tfoot,
    Th,
    Thead,
    Time,
    Title,
    Tr,
    U,
    Ul,
    Video,
    Wbr,
    Other,
}

impl Tag {
    fn from_lower(name: &[u8]) -> Tag {
        use Tag::*;
        match name {
            b"a" => A,
            b"abbr" => Abbr,
            b"address" => Address,
            b"article" => Article,
            b"aside" => Aside,
            b"audio" => Audio,
            b"b" => B,
            b"blockquote" => Blockquote,
            b"body" => Body,
            b"br" => Br,
            b"button" => Button,
            b"canvas" => Canvas,
            b"caption" => Caption,
            b"center" => Center,
            b"code" => Code,
            b"dd" => Dd,
            b"details" => Details,
            b"dialog" => Dialog,
            b"div" => Div,
            b"dl" => Dl,
            b"dt" => Dt,
            b"em" => Em,
            b"embed" => Embed,
            b"fieldset" => Fieldset,
            b"figcaption" => Figcaption,
            b"figure" => Figure,
            b"font" => Font,
            b"footer" => Footer,
            b"form" => Form,
            b"h1" => H1,
            b"h2" => H2,
            b"h3" => H3,
            b"h4" => H4,
            b"h5" => H5,
            b"h6" => H6,
            b"head" => Head,
            b"header" => Header,
            b"hr" => Hr,
            b"html" => Html,
            b"i" => I,
            b"iframe" => Iframe,
            b"img" => Img,
            b"input" => Input,
            b"label" => Label,
            b"li" => Li,
            b"link" => Link,
            b"main" => Main,
            b"map" => Map,
            b"menu" => Menu,
            b"meta" => Meta,
            b"nav" => Nav,
            b"noscript" => Noscript,
            b"object" => Object,
            b"ol" => Ol,
            b"optgroup" => Optgroup,
            b"option" => Option,
            b"p" => P,
            b"picture" => Picture,
            b"pre" => Pre,
            b"q" => Q,
            b"s" => S,
            b"script" => Script,
            b"section" => Section,
            b"select" => Select,
            b"small" => Small,
            b"source" => Source,
            b"span" => Span,
            b"strong" => Strong,
            b"style" => Style,
            b"sub" => Sub,
            b"summary" => Summary,
            b"sup" => Sup,
            b"svg" => Svg,
            b"table" => Table,
            b"tbody" => Tbody,
            b"td" => Td,
            b"template" => Template,
            b"textarea" => Textarea,
            b"tfoot" => Tfoot,
            b"th" => Th,
            b"thead" => Thead,
            b"time" => Time,
            b"title" => Title,
            b"tr" => Tr,
            b"u" => U,
            b"ul" => Ul,
            b"video" => Video,
            b"wbr" => Wbr,
            _ => Other,
        }
    }

    /// Elements with no content and no end tag.
    fn is_void(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Br | Hr | Img | Input | Link | Meta | Source | Wbr | Embed
        )
    }

    /// Elements whose content is raw text up to their end tag.
    fn is_raw_text(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Script | Style | Textarea | Title | Noscript | Iframe | Template
        )
    }

    /// Block-level elements: they start a new paragraph of text.
    pub(crate) fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Root | Address
                | Article
                | Aside
                | Blockquote
                | Body
                | Caption
                | Center
                | Dd
                | Details
                | Dialog
                | Div
                | Dl
                | Dt
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hr
                | Html
                | Li
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Tbody
                | Td
                | Tfoot
                | Th
                | Thead
                | Tr
                | Ul
                | Br
                | Select
                | Option
                | Textarea
        )
    }

    /// Starting one of these closes an open `<p>`.
    fn closes_p(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Center
                | Details
                | Dialog
                | Div
                | Dl
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hr
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Ul
        )
    }

    /// Heading elements.
    pub(crate) fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An element; `hint` is a range in [`Dom::hints`].
    Element {
        /// Its name.
        tag: Tag,
        /// Start of its hint string in `Dom::hints`.
        hint_start: u32,
        /// End of its hint string.
        hint_end: u32,
        /// `hidden`, `aria-hidden="true"` or `display:none`.
        hidden: bool,
    },
    /// A run of text; a range in [`Dom::text`].
    Text {
        /// Start in `Dom::text`.
        start: u32,
        /// End in `Dom::text`.
        end: u32,
    },
}

/// One node of the tree.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub kind: Kind,
    pub parent: NodeId,
    pub first_child: NodeId,
    pub last_child: NodeId,
    pub next: NodeId,
}

/// A parsed page.
#[derive(Debug, Default)]
pub(crate) struct Dom {
    /// Node 0 is the root.
    pub nodes: Vec<Node>,
    /// Decoded text of every text node, back to back.
    pub text: String,
    /// Lower-case `class id itemprop role` of every element, back to back.
    pub hints: String,
    /// The document's `<title>` text, if any.
    pub title: Option<String>,
}

impl Dom {
    /// The tag of `id`, or `None` for a text node.
    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        match self.nodes[id as usize].kind {
            Kind::Element { tag, .. } => Some(tag),
            Kind::Text { .. } => None,
        }
    }

    /// The hint string (`class id itemprop role`, lower case) of an element.
    pub fn hint(&self, id: NodeId) -> &str {
        match self.nodes[id as usize].kind {
            Kind::Element {
                hint_start,
                hint_end,
                ..
            } => self
                .hints
                .get(hint_start as usize..hint_end as usize)
                .unwrap_or(""),
            Kind::Text { .. } => "",
        }
    }

    /// The text of a text node ("" for elements).
    pub fn text_of(&self, id: NodeId) -> &str {
        match self.nodes[id as usize].kind {
            Kind::Text { start, end } => self.text.get(start as usize..end as usize).unwrap_or(""),
            Kind::Element { .. } => "",
        }
    }

    /// Whether the element was marked hidden.
    pub fn hidden(&self, id: NodeId) -> bool {
        matches!(
            self.nodes[id as usize].kind,
            Kind::Element { hidden: true, .. }
        )
    }

    /// Next node in document order after `id`'s subtree is done (skips children).
    pub fn next_skip(&self, mut id: NodeId, root: NodeId) -> NodeId {
        loop {
            if id == root {
                return NONE;
            }
            let n = &self.nodes[id as usize];
            if n.next != NONE {
                return n.next;
            }
            id = n.parent;
            if id == NONE {
                return NONE;
            }
        }
    }

    /// Next node in document order within `root`'s subtree (pre-order).
    pub fn next_in(&self, id: NodeId, root: NodeId) -> NodeId {
        let n = &self.nodes[id as usize];
        if n.first_child != NONE {
            return n.first_child;
        }
        self.next_skip(id, root)
    }

    fn push(&mut self, kind: Kind, parent: NodeId) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            kind,
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
        });
        let p = &mut self.nodes[parent as usize];
        if p.last_child == NONE {
            p.first_child = id;
        } else {
            let last = p.last_child as usize;
            p.last_child = id;
            self.nodes[last].next = id;
            return id;
        }
        p.last_child = id;
        id
    }
}

struct Builder {
    dom: Dom,
    stack: Vec<(NodeId, Tag)>,
    /// Text node that the next text may extend.
    open_text: NodeId,
}

impl Builder {
    fn current(&self) -> NodeId {
        self.stack.last().map(|s| s.0).unwrap_or(0)
    }

    fn add_text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        if self.open_text == NONE {
            let start = self.dom.text.len() as u32;
            let parent = self.current();
            self.open_text = self.dom.push(Kind::Text { start, end: start }, parent);
        }
        entities::decode_into(raw, &mut self.dom.text);
        let end = self.dom.text.len() as u32;
        if let Kind::Text { end: e, .. } = &mut self.dom.nodes[self.open_text as usize].kind {
            *e = end;
        }
    }

    /// Pops the stack down to (and including) index `i`.
    fn pop_to(&mut self, i: usize) {
        self.stack.truncate(i);
        self.open_text = NONE;
    }

    /// Finds an open `tag` above any of the `stop` boundaries.
    fn find_open(&self, tag: Tag, stop: &[Tag]) -> Option<usize> {
        for i in (0..self.stack.len()).rev() {
            let t = self.stack[i].1;
            if t == tag {
                return Some(i);
            }
            if stop.contains(&t) {
                return None;
            }
        }
        None
    }

    fn start(&mut self, tag: Tag, hint: &str, hidden: bool, self_closing: bool) {
        use Tag::*;
        // Implied end tags.
        let close = match tag {
            t if t.closes_p() => self.find_open(P, &[Td, Th, Table, Button, Body, Html, Li, Div]),
            Li => self.find_open(Li, &[Ul, Ol, Menu, Table, Body, Html]),
            Dt | Dd => self
                .find_open(Dd, &[Dl, Table, Body, Html])
                .or_else(|| self.find_open(Dt, &[Dl, Table, Body, Html])),
            Tr => self.find_open(Tr, &[Table]),
            Td | Th => self
                .find_open(Td, &[Tr, Table])
                .or_else(|| self.find_open(Th, &[Tr, Table])),
            Option => self.find_open(Option, &[Select]),
            A => self.find_open(A, &[Div, Td, Table, Body, Li, P]),
            _ => None,
        };
        if let Some(i) = close {
            self.pop_to(i);
        }
        if tag.is_heading() {
            if let Some(&(_, t)) = self.stack.last() {
                if t.is_heading() {
                    self.pop_to(self.stack.len() - 1);
                }
            }
        }
        if matches!(tag, Html | Body | Head) {
            // Structure elements: keep their hints on nothing; content flows on.
            return;
        }
        if self.stack.len() >= MAX_DEPTH && !tag.is_void() {
            return;
        }
        let hint_start = self.dom.hints.len() as u32;
        self.dom.hints.push_str(hint);
        let hint_end = self.dom.hints.len() as u32;
        let parent = self.current();
        let id = self.dom.push(
            Kind::Element {
                tag,
                hint_start,
                hint_end,
                hidden,
            },
            parent,
        );
        self.open_text = NONE;
        if !tag.is_void() && !self_closing {
            self.stack.push((id, tag));
        }
    }

    fn end(&mut self, tag: Tag) {
        use Tag::*;
        if matches!(tag, Html | Body | Head) {
            return;
        }
        let inline = !tag.is_block();
        for i in (0..self.stack.len()).rev() {
            let t = self.stack[i].1;
            if t == tag {
                self.pop_to(i);
                return;
            }
            if matches!(t, Table | Td | Th) && !matches!(tag, Table | Td | Th | Tr | Tbody) {
                return;
            }
            if inline && t.is_block() && t != P {
                return;
            }
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Finds `</name` (ASCII case-insensitive) at or after `from`; returns its start.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = memchr::memchr(b'<', bytes.get(i..)?) {
        let at = i + off;
        let rest = &bytes[at + 1..];
        if rest.len() > name.len()
            && rest[0] == b'/'
            && rest[1..1 + name.len()].eq_ignore_ascii_case(name)
            && matches!(rest.get(1 + name.len()), Some(b) if is_space(*b) || *b == b'>' || *b == b'/')
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The attributes extraction keeps from one start tag.
#[derive(Default)]
struct Attrs {
    hint: String,
    hidden: bool,
}

fn note_attr(attrs: &mut Attrs, name: &[u8], value: &str) {
    match name {
        b"class" | b"id" | b"itemprop" | b"role" => {
            if !attrs.hint.is_empty() {
                attrs.hint.push(' ');
            }
            for c in value.chars() {
                attrs.hint.extend(c.to_lowercase());
            }
        }
        b"hidden" => attrs.hidden = true,
        b"aria-hidden" => attrs.hidden |= value.eq_ignore_ascii_case("true"),
        b"style" => {
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(|c| c.to_lowercase())
                .collect();
            attrs.hidden |= v.contains("display:none") || v.contains("visibility:hidden");
        }
        _ => {}
    }
}

/// Parses a whole page. Never fails: anything unparseable is text or skipped.
pub(crate) fn parse(html: &str) -> Dom {
    let bytes = html.as_bytes();
    let mut b = Builder {
        dom: Dom {
            nodes: Vec::with_capacity(html.len() / 40 + 16),
            text: String::with_capacity(html.len() / 4),
            hints: String::with_capacity(html.len() / 16),
            title: None,
        },
        stack: Vec::with_capacity(64),
        open_text: NONE,
    };
    b.dom.nodes.push(Node {
        kind: Kind::Element {
            tag: Tag::Root,
            hint_start: 0,
            hint_end: 0,
            hidden: false,
        },
        parent: NONE,
        first_child: NONE,
        last_child: NONE,
        next: NONE,
    });
    let mut name_buf: Vec<u8> = Vec::with_capacity(16);
    let mut i = 0usize;
    let n = bytes.len();
    while i < n {
        let Some(off) = memchr::memchr(b'<', &bytes[i..]) else {
            b.add_text(&html[i..]);
            break;
        };
        let lt = i + off;
        if lt > i {
            b.add_text(&html[i..lt]);
        }
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        if next == b'!' {
            // Comment, doctype or CDATA.
            if bytes[lt..].starts_with(b"<!--") {
                i = match memchr::memmem::find(&bytes[lt + 4..], b"-->") {
                    Some(p) => lt + 4 + p + 3,
                    None => n,
                };
            } else {
                i = match memchr::memchr(b'>', &bytes[lt..]) {
                    Some(p) => lt + p + 1,
                    None => n,
                };
            }
            continue;
        }
        if next == b'?' {
            i = match memchr::memchr(b'>', &bytes[lt..]) {
                Some(p) => lt + p + 1,
                None => n,
            };
            continue;
        }
        let is_end = next == b'/';
        let name_at = if is_end { lt + 2 } else { lt + 1 };
        if !bytes.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            if is_end {
                // `</ ...>` or `</>`: bogus, skipped.
                i = match memchr::memchr(b'>', &bytes[lt..]) {
                    Some(p) => lt + p + 1,
                    None => n,
                };
            } else {
                b.add_text("<");
                i = lt + 1;
            }
            continue;
        }
        // Tag name.
        let mut j = name_at;
        name_buf.clear();
        while j < n && !is_space(bytes[j]) && bytes[j] != b'/' && bytes[j] != b'>' {
            name_buf.push(bytes[j].to_ascii_lowercase());
            j += 1;
        }
        let tag = Tag::from_lower(&name_buf);
        // Attributes.
        let mut attrs = Attrs::default();
        let mut self_closing = false;
        loop {
            while j < n
                && (is_space(bytes[j]) || (bytes[j] == b'/' && bytes.get(j + 1) != Some(&b'>')))
            {
                j += 1;
            }
            if j >= n {
                break;
            }
            if bytes[j] == b'>' {
                j += 1;
                break;
            }
            if bytes[j] == b'/' {
                self_closing = true;
                j += 2;
                break;
            }
            let an_start = j;
            while j < n
                && !is_space(bytes[j])
                && bytes[j] != b'/'
                && bytes[j] != b'>'
                && bytes[j] != b'='
            {
                j += 1;
            }
            if j == an_start {
                // A stray `=`: skip it.
                j += 1;
                continue;
            }
            let an_end = j;
            while j < n && is_space(bytes[j]) {
                j += 1;
            }
            let mut value = "";
            if j < n && bytes[j] == b'=' {
                j += 1;
                while j < n && is_space(bytes[j]) {
                    j += 1;
                }
                if j < n && (bytes[j] == b'"' || bytes[j] == b'\'') {
                    let q = bytes[j];
                    let vs = j + 1;
                    let ve = memchr::memchr(q, &bytes[vs..]).map(|p| vs + p).unwrap_or(n);
                    value = html.get(vs..ve).unwrap_or("");
                    j = (ve + 1).min(n);
                } else {
                    let vs = j;
                    while j < n && !is_space(bytes[j]) && bytes[j] != b'>' {
                        j += 1;
                    }
                    value = html.get(vs..j).unwrap_or("");
                }
            }
            if !is_end {
                let an = &bytes[an_start..an_end];
                if an.len() <= 11 {
                    let mut low = [0u8; 11];
                    for (d, s) in low.iter_mut().zip(an) {
                        *d = s.to_ascii_lowercase();
                    }
                    note_attr(&mut attrs, &low[..an.len()], value);
                }
            }
        }
        i = j.min(n);
        if is_end {
            b.end(tag);
            continue;
        }
        b.start(tag, &attrs.hint, attrs.hidden, self_closing);
        if tag.is_raw_text() && !self_closing {
            let end = find_end_tag(bytes, i, &name_buf).unwrap_or(n);
            if tag == Tag::Title && b.dom.title.is_none() {
                let mut t = String::new();
                entities::decode_into(&html[i..end], &mut t);
                b.dom.title = Some(t);
            }
            if tag == Tag::Textarea {
                b.add_text(&html[i..end]);
            }
            // Close the raw-text element.
            if let Some(pos) = b.stack.iter().rposition(|s| s.1 == tag) {
                b.pop_to(pos);
            }
            i = match memchr::memchr(b'>', &bytes[end.min(n)..]) {
                Some(p) => end + p + 1,
                None => n,
            };
        }
    }
    b.dom
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the tree as `tag(children)` with text in quotes, for checks.
    fn show(dom: &Dom) -> String {
        let mut out = String::new();
        let mut id = dom.nodes[0].first_child;
        let mut depth_stack: Vec<NodeId> = vec![0];
        // Iterative pre-order with explicit closing.
        while id != NONE {
            let n = &dom.nodes[id as usize];
            match n.kind {
                Kind::Text { .. } => out.push_str(&format!("{:?}", dom.text_of(id))),
                Kind::Element { tag, .. } => out.push_str(&format!("{tag:?}(").to_lowercase()),
            }
            if n.first_child != NONE {
                depth_stack.push(id);
                id = n.first_child;
                continue;
            }
            if matches!(n.kind, Kind::Element { .. }) {
                out.push(')');
            }
            let mut cur = id;
            loop {
                let nn = &dom.nodes[cur as usize];
                if nn.next != NONE {
                    id = nn.next;
                    break;
                }
                let p = nn.parent;
                if p == 0 || p == NONE {
                    id = NONE;
                    break;
                }
                out.push(')');
                cur = p;
            }
        }
        out
    }

    fn check(html: &str, expect: &str) {
        assert_eq!(show(&parse(html)), expect, "html: {html}");
    }

    #[test]
    fn trees() {
        check("<p>a<p>b", "p(\"a\")p(\"b\")");
        check("<div><p>a<div>b</div></div>", "div(p(\"a\")div(\"b\"))");
        check("<ul><li>a<li>b</ul>c", "ul(li(\"a\")li(\"b\"))\"c\"");
        check(
            "<p>x &amp; y &lt;z&gt; &#8217; &#x41;</p>",
            "p(\"x & y <z> \u{2019} A\")",
        );
        check("<script>if (a<b) {}</script><p>t</p>", "script()p(\"t\")");
        check("a<br>b", "\"a\"br()\"b\"");
        check("<div><span>a</div>b", "div(span(\"a\"))\"b\"");
        check("<p>1 < 2</p>", "p(\"1 < 2\")");
        check("<!-- c --><p class=x id='y'>t</p>", "p(\"t\")");
        check(
            "<table><tr><td>a<td>b<tr><td>c</table>",
            "table(tr(td(\"a\")td(\"b\"))tr(td(\"c\")))",
        );
    }

    #[test]
    fn hints_and_hidden() {
        let d =
            parse("<div class='Article-Body' id=main hidden><p style='display: none'>x</p></div>");
        assert_eq!(d.hint(1), "article-body main");
        assert!(d.hidden(1));
        assert!(d.hidden(2));
    }

    #[test]
    fn deep_nesting_and_garbage_do_not_panic() {
        let deep = "<div>".repeat(100_000);
        let d = parse(&deep);
        assert!(d.nodes.len() <= MAX_DEPTH + 2);
        for s in [
            "<",
            "</",
            "<a",
            "<a b='",
            "<!--",
            "<script>",
            "&#xFFFFFFFF;",
            "&",
            "<\u{e9}>",
            "</p\u{e9}",
        ] {
            let _ = parse(s);
        }
    }

    #[test]
    fn title_is_kept() {
        assert_eq!(
            parse("<title>A &amp; B</title>").title.as_deref(),
            Some("A & B")
        );
    }
}
