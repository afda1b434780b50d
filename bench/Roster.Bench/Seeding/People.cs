namespace Roster.Bench.Seeding;

/// <summary>
/// Realistic, distinct people by index: names repeat as they do in a large company, emails never do. A handful of
/// members carry a rare surname so that a search can match only them.
/// </summary>
public static class People
{
    public const string RareSurname = "Featherstonehaugh";
    public const string RareSearchTerm = "featherstone";

    /// <summary>How many members (at most) carry <see cref="RareSurname"/>.</summary>
    private const int RareCount = 8;

    private static readonly string[] FirstNames =
    [
        "Aaliyah", "Adam", "Adrian", "Aisha", "Alejandro", "Alexander", "Alice", "Amelia", "Ana", "Andrea", "Andrew", "Anna",
        "Anthony", "Arjun", "Ava", "Benjamin", "Bianca", "Camila", "Carlos", "Caroline", "Charlotte", "Chen", "Chloe", "Christopher",
        "Clara", "Daniel", "David", "Diana", "Diego", "Dmitri", "Eleanor", "Elena", "Elijah", "Elizabeth", "Emily", "Emma",
        "Ethan", "Eva", "Fatima", "Felix", "Gabriel", "Grace", "Hannah", "Hiroshi", "Ibrahim", "Isabella", "Ivan", "Jack",
        "Jacob", "James", "Jana", "Javier", "Jessica", "Ji-woo", "John", "Jose", "Joseph", "Julia", "Kenji", "Laura",
        "Layla", "Leo", "Liam", "Lucas", "Lucia", "Maria", "Mark", "Martina", "Mateo", "Matthew", "Mei", "Mia",
        "Michael", "Mohammed", "Nadia", "Natalia", "Nathan", "Noah", "Nora", "Oliver", "Olivia", "Omar", "Pablo", "Priya",
        "Rafael", "Rahul", "Robert", "Rosa", "Samuel", "Sara", "Sebastian", "Sofia", "Sophie", "Stefan", "Thomas", "Valentina",
        "Victoria", "William", "Yara", "Yusuf", "Zoe", "Zofia",
    ];

    private static readonly string[] Surnames =
    [
        "Abbott", "Adams", "Ahmed", "Alvarez", "Andersen", "Baker", "Balboa", "Bauer", "Becker", "Bennett", "Berg", "Bianchi",
        "Brooks", "Brown", "Campbell", "Carter", "Castro", "Chen", "Clark", "Collins", "Cooper", "Costa", "Cruz", "Davies",
        "Diaz", "Dubois", "Edwards", "Evans", "Fernandez", "Fischer", "Flores", "Garcia", "Gomez", "Gonzalez", "Green", "Gupta",
        "Hall", "Hansen", "Harris", "Hernandez", "Hill", "Hoffmann", "Hughes", "Ivanov", "Jackson", "Jansen", "Jensen", "Johnson",
        "Jones", "Kaur", "Keller", "Khan", "Kim", "King", "Klein", "Kowalski", "Kumar", "Larsen", "Lee", "Lewis",
        "Li", "Lopez", "Martin", "Martinez", "Meyer", "Miller", "Moore", "Morales", "Moreno", "Muller", "Murphy", "Nakamura",
        "Nguyen", "Nielsen", "Novak", "O'Brien", "Okafor", "Olsen", "Ortiz", "Patel", "Perez", "Peters", "Petrov", "Phillips",
        "Popescu", "Ramirez", "Reyes", "Richter", "Rivera", "Roberts", "Rodriguez", "Romero", "Rossi", "Ruiz", "Russo", "Sanchez",
        "Santos", "Sato", "Schmidt", "Schneider", "Scott", "Silva", "Singh", "Smith", "Sokolov", "Suzuki", "Tanaka", "Taylor",
        "Thomas", "Thompson", "Torres", "Turner", "Walker", "Wang", "Weber", "White", "Williams", "Wilson", "Wright", "Yamamoto",
        "Young", "Zhang",
    ];

    private static readonly string[] Domains =
    [
        "frontstreet.test", "balboa-distribution.test", "northwind.test", "contoso.test", "fabrikam.test", "tailspin.test",
        "wideworld.test", "adventure-works.test",
    ];

    private static readonly int Combinations = FirstNames.Length * Surnames.Length * Domains.Length;

    /// <summary>Members whose <paramref name="index"/> makes them carry the rare surname (for the search scenario).</summary>
    public static bool IsRare(int index, int members) => index % Math.Max(members / RareCount, 1) == RareCount / 2;

    public static (string Name, string Email) Person(int index, int members)
    {
        // A multiplicative scramble visits every combination once per round, in an order unrelated to the index.
        var round = index / Combinations;
        var combination = (int)(((long)index * 7_919 + round * 104_729L) % Combinations);
        var first = FirstNames[combination % FirstNames.Length];
        var surname = IsRare(index, members) ? RareSurname : Surnames[combination / FirstNames.Length % Surnames.Length];
        var domain = Domains[combination / (FirstNames.Length * Surnames.Length)];
        var local = $"{first}.{surname}".Replace("'", "", StringComparison.Ordinal).ToLowerInvariant();
        // The rare surname breaks the one-combination-per-round rule, so those members carry their index instead.
        var suffix = IsRare(index, members) ? $".{index}" : round == 0 ? "" : (round + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ($"{first} {surname}", $"{local}{suffix}@{domain}");
    }
}
