/// Filled in with the entity core.
enum EntityBenchmark {
    static func run(arguments: [String]) throws {
        print("the entity benchmark needs the entity core")
    }
}
