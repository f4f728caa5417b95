//! Facts about text that more than one stage reads the same way.

/// Whether `c` lies in a script written without spaces between words:
/// Thai, Lao, Tibetan, Myanmar, Khmer, Hiragana, Katakana and Han. Such
/// text cannot be cut into words at spaces; the copies stage reads it one
/// character at a time, the stories stage in overlapping pairs.
pub fn written_without_spaces(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x0F00..=0x0FFF    // Tibetan
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF    // Han extension A
        | 0x4E00..=0x9FFF    // Han
        | 0xF900..=0xFAFF    // Han compatibility
        | 0x20000..=0x3FFFF) // Han extensions B..
}

/// The primary subtag of a language tag (`pt` of `pt-BR`, `zh` of
/// `zh_Hant_TW`), trimmed; as written otherwise (case is not changed).
pub fn primary_language(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or("").trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_subtags() {
        for c in ['四', 'ก', 'カ', 'ひ', 'ဂ', 'ក'] {
            assert!(written_without_spaces(c), "{c}");
        }
        for c in ['a', 'é', 'Я', 'ا', '한', 'क', ' '] {
            assert!(!written_without_spaces(c), "{c}");
        }
        assert_eq!(primary_language("pt-BR"), "pt");
        assert_eq!(primary_language(" zh_Hant_TW"), "zh");
        assert_eq!(primary_language("EN"), "EN");
        assert_eq!(primary_language(""), "");
    }
}
