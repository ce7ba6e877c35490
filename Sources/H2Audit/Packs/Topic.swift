/// The topic vocabulary shared by every pack, so that regimes line up
/// topic by topic.
public enum Topic {
    public static let vocabulary: [(id: String, description: String)] = [
        ("permits", "Permits, registrations, notifications and filed plans"),
        ("separation-distance", "Distances to protected facilities, boundaries, roads, rail, fire and other plants"),
        ("blast-wall", "Blast walls, fire walls and barriers"),
        ("leak-detection", "Gas detection and alarms"),
        ("emergency-shutdown", "Emergency shut-off, automatic and manual stops"),
        ("overpressure-protection", "Safety valves, relief, vent stacks, pressure limits"),
        ("fire-protection", "Fire and flame detection, extinguishing, static, explosion-proof electrics"),
        ("equipment-design", "Design, construction, testing and installation of equipment"),
        ("monitoring", "Continuous and remote monitoring"),
        ("gas-quality", "Oxygen content, purity and gas analysis"),
        ("electrolysis", "Water electrolysis plants"),
        ("product-certification", "Product permits and inspection of hydrogen products"),
        ("inspection", "Completion, periodic and self-inspections"),
        ("safety-personnel", "Safety managers, supervisors and their qualifications"),
        ("training", "Safety education and courses"),
        ("safety-management", "Safety rules, emergency plans, reporting and insurance"),
        ("station-operations", "Refuelling-station layout and filling operations"),
        ("self-service", "Customer self-service filling"),
        ("fuel-cell", "Fuel cells and hydrogen fuel use facilities"),
        ("vehicle-transport", "Road transport of hydrogen"),
        ("cylinders-and-vessels", "Cylinders, tanks and their re-inspection"),
        ("liquefied-hydrogen", "Liquid hydrogen"),
        ("ammonia", "Ammonia as hydrogen carrier"),
        ("pipeline", "Hydrogen pipelines"),
        ("carbon-intensity", "Greenhouse-gas intensity of hydrogen and its certification"),
        ("market-obligations", "Price reporting, supply plans and clean-hydrogen obligations"),
    ]

    public static let ids: [String] = vocabulary.map(\.id)
}
