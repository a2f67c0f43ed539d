/// The gazetteer's names, aliases and demonyms compiled into an automaton, for finding entities.
/// The built-in gazetteer's is compiled once per process for each folding and shared by every
/// engine: with its towns it holds some 30,000 names, and engines are made at every configuration
/// (re)load.
struct CompiledGazetteer: Sendable {
    let automaton: PhraseAutomaton
    let phrases: [CompiledPhrase]

    init(_ gazetteer: Gazetteer, tokenizer: Tokenizer) {
        let compiler = PhraseCompiler(tokenizer: tokenizer)
        var automaton = PhraseAutomaton()
        var phrases: [CompiledPhrase] = []
        for (index, entry) in gazetteer.entries.enumerated() {
            let names = [entry.canonical] + entry.aliases
            for (name, demonym) in names.map({ ($0, false) }) + entry.demonyms.map({ ($0, true) }) {
                guard let compiled = compiler.compile(name, caseSensitive: false, properName: true) else { continue }
                automaton.add(compiled.words)
                phrases.append(CompiledPhrase(text: name, owner: .gazetteer(entry: index, demonym: demonym), rules: compiled.rules))
            }
        }
        automaton.finish()
        self.automaton = automaton
        self.phrases = phrases
    }

    private static let builtInFolded = CompiledGazetteer(.builtIn, tokenizer: Tokenizer(folding: .shared(foldDiacritics: true)))
    private static let builtInUnfolded = CompiledGazetteer(.builtIn, tokenizer: Tokenizer(folding: .shared(foldDiacritics: false)))

    /// The compiled form of `gazetteer`: shared for the built-in one, made anew for any other.
    static func of(_ gazetteer: Gazetteer, tokenizer: Tokenizer) -> CompiledGazetteer {
        guard gazetteer.isBuiltIn else { return CompiledGazetteer(gazetteer, tokenizer: tokenizer) }
        return tokenizer.folding.foldDiacritics ? builtInFolded : builtInUnfolded
    }
}
