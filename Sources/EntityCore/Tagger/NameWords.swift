/// Types and spans a name's own words decide, whatever the tagger made of it:
/// - a person's generation belongs to the name ("Lloyd J. Austin III", "Joseph R. Biden Jr."), and a
///   company's legal form to the company's ("Siemens AG", "Acme Inc.");
/// - "Department of State", "Office of Foreign Assets Control": an organisation's head word before
///   "of" makes an organisation, and so does a last word such as Council or Agency, unless the
///   gazetteer knows the name ("West Bank" stays a place);
/// - an acronym the gazetteer does not hold as a place is an organisation, not a place (AQIM, OCHA);
/// - a place ending in a demonym ("North Korean", "Central American") is a nationality.
extension EntityRecognizer {
    func typedByItsWords(_ name: Name) -> Name {
        let tokens = text.tokenized.tokens
        func word(_ index: Int) -> String { text.tokenized.foldedWord(tokens[index]) }
        var result = name
        if name.last + 1 < tokens.count, tokens[name.last + 1].flags.contains(.capitalized) || tokens[name.last + 1].flags.contains(.allCaps),
           !tokens[name.last + 1].flags.contains(.sentenceStart), !tokens[name.last + 1].flags.contains(.punctuationBefore) {
            let next = word(name.last + 1)
            if name.type == .person, EntityWords.generations.contains(next) { result.last += 1 }
            if name.type != .person, EntityWords.companyForms.contains(next) || ["inc", "inc.", "ltd", "ltd.", "plc", "corp", "llc"].contains(next) {
                result.last += 1
                result.type = .organization
                result.canonical = nil
            }
        }
        let known = name.canonical != nil
        if !known, name.last > name.first, name.type != .organization,
           (EntityWords.organizationHeads.contains(word(name.first)) && word(name.first + 1) == "of")
            || EntityWords.organizationSuffixes.contains(word(name.last)) {
            result.type = .organization
        }
        if !known, name.first == name.last, name.type == .location, tokens[name.first].flags.contains(.allCaps),
           tokens[name.first].byteEnd - tokens[name.first].byteStart <= 6 {
            result.type = .organization
        }
        if name.type == .location, name.last > name.first, gazetteer.isDemonym(word(name.last)) {
            result.type = .misc
        }
        return result
    }
}
