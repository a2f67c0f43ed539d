/// Names that contain an entity's name but are not about it: "Russian dressing" is a salad dressing,
/// the Russian River is in California, Moscow in Idaho is a town. A hit on the entity inside one of
/// these does not count for an `entity:` topic. Keyed by the gazetteer's canonical name.
enum FalseFriends {
    static let phrases: [String: [String]] = [
        "Russia": ["Russian River", "Russian dressing", "Russian roulette", "Russian doll", "Russian dolls",
                   "Russian Hill", "Russian Tea Room", "Russian blue", "Russian tortoise", "Russian olive"],
        "Moscow": ["Moscow, Idaho", "Moscow Idaho", "Moscow, ID", "Moscow mule", "Moscow mules"],
        "Turkey": ["Turkey Trot", "turkey sandwich", "cold turkey"],
        "Jordan": ["Michael Jordan", "Jordan Peterson", "Air Jordan"],
        "Georgia": ["Georgia Tech", "Atlanta, Georgia", "Savannah, Georgia"],
        "China": ["fine china", "bone china", "China Grove"],
        "Chad": ["Chad Smith"],
        "Niger": ["Niger Delta Avengers"],
        "Panama": ["Panama hat", "Panama hats"],
        "Paris": ["Paris Hilton", "Paris, Texas"],
        "Washington": ["Denzel Washington", "Washington Post"],
    ]
}
