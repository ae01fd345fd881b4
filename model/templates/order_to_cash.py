"""The order-to-cash template: how a signed order for an industrial pump walks
through a manufacturer, from the first promise to the renewal.

Plain data, read by `model.templates.catalog`. Production and its outsourced logistics
partner measure different things on purpose (no KPI in common), so the map
opens with one experience conflict to discuss; every other pair of departments
that hand off to each other shares a KPI.
"""
from __future__ import annotations

from typing import Any

META: dict[str, str] = {
    "title": "Order-to-cash walk: Halvorsen Pumps",
    "organisation": "Halvorsen Pumps (a made-up manufacturer)",
    "description": (
        "A template: how a signed contract for an industrial pump walks from sales to renewal. "
        "Replace the example people with your own colleagues, keep the hand-offs that fit."
    ),
}

# key, name, what "serving the customer" means there, KPIs
DEPARTMENTS: list[tuple[str, str, str, list[str]]] = [
    ("sales", "Sales", "Understanding the customer's problem and promising only what the walk can deliver.",
     ["Bookings against quota", "Quote-to-contract cycle time", "Net Promoter Score"]),
    ("contracts", "Contract administration",
     "A contract the customer can read, that says exactly what was promised.",
     ["Quote-to-contract cycle time", "Contracts without amendments", "Order accuracy"]),
    ("legal", "Legal", "Terms that protect both sides and that a customer understands without a lawyer.",
     ["Quote-to-contract cycle time", "Non-standard clauses per contract"]),
    ("engineering", "Engineering", "A specification that fits the customer's site the first time.",
     ["Order accuracy", "Specification right first time", "On-time material availability"]),
    ("procurement", "Procurement",
     "Parts that arrive when the plan needs them, from suppliers we can rely on.",
     ["On-time material availability", "Purchase price variance"]),
    ("production", "Production", "Build every pump to specification, as fast as the line allows.",
     ["Units completed each shift", "Scrap under 2%", "Machine utilisation",
      "On-time material availability"]),
    ("logistics", "Logistics", "Move freight at the lowest cost per kilometre.",
     ["Freight cost per pallet", "Full truckloads dispatched", "Damage-free shipments",
      "Delivered within the agreed site slot"]),
    ("installation", "Installation",
     "A pump that runs on the first day, and operators who know how to run it.",
     ["Delivered within the agreed site slot", "First-time-right installation",
      "Acceptance signed on the first visit"]),
    ("support", "Service and support", "Solving the customer's problem on the first call.",
     ["First-time-right installation", "First-contact resolution", "Net Promoter Score"]),
    ("invoicing", "Finance: invoicing", "An invoice the customer can approve without a phone call.",
     ["Acceptance signed on the first visit", "Invoices matching the contract", "Days sales outstanding"]),
    ("collections", "Collections", "Getting paid while keeping the relationship warm.",
     ["Days sales outstanding", "Disputed invoices", "Bad debt write-offs"]),
    ("accounts", "Account management",
     "Earning the next contract by making sure the last one kept its promises.",
     ["Renewal rate", "Net Promoter Score", "Disputed invoices"]),
]

_MAIL = "halvorsen-pumps.example"

PEOPLE: list[dict[str, Any]] = [
    {
        "key": "maya", "name": "Maya Lindqvist", "title": "Account Executive", "dept": "sales",
        "stage": "sell", "email": f"maya.lindqvist@{_MAIL}", "phone": "+46 31 555 0101",
        "location": "Gothenburg",
        "what": "Finds out what the utility really needs, sizes the first offer with engineering and "
                "negotiates the quote.",
        "why": "Everything after her is built on the promise she makes, so the walk starts with her.",
        "strengths": "Asks about the site before talking about pumps; keeps notes the rest of us can read.",
        "story": (
            ("A signed quote, and my notes on what the customer told me they worry about: the site, the "
             "deadline, the people."),
            ("If my notes are clear, contract administration and engineering build what the customer meant, "
             "not just what the quote says. The customer never has to explain themselves twice."),
            ("I ask about their bad experiences with earlier suppliers before I talk about our pumps, so I "
             "know what we have to protect."),
            ("Riverside told me their last supplier installed during a boil-water notice. I wrote it on the "
             "quote; installation planned around it, and their plant manager still mentions it."),
        ),
    },
    {
        "key": "tom", "name": "Tom Becker", "title": "Contract Administrator", "dept": "contracts",
        "stage": "contract", "email": f"tom.becker@{_MAIL}", "phone": "+46 31 555 0114",
        "location": "Gothenburg",
        "what": "Turns the accepted quote into a contract, chases signatures and keeps the one true "
                "record of what was promised.",
        "why": "Nothing can be specified or bought until the terms are signed.",
        "strengths": "Meticulous; reads every amendment against the original quote.",
        "story": (
            ("A countersigned contract with its technical annex, and a one-page summary of what we promised, "
             "in plain words."),
            ("Engineering specifies from my summary. If a delivery date or a penalty clause is wrong there, "
             "the customer feels it months later."),
            "I read every clause as if I were the customer's buyer and flag anything I would not understand.",
            ("I caught a quote promising a five-day installation while the contract said ten. One phone call "
             "fixed it before anyone was let down."),
        ),
    },
    {
        "key": "priya", "name": "Priya Raman", "title": "Legal Manager", "dept": "legal", "stage": "contract",
        "email": f"priya.raman@{_MAIL}", "phone": "+46 31 555 0120", "location": "Gothenburg",
        "what": "Reviews non-standard clauses and writes the terms the customer signs.",
        "why": "Terms are settled before the contract is countersigned; questions go back and forth with "
               "contract administration.",
        "strengths": "Researches every angle; writes in plain language.",
        "story": (
            "Approved terms, and plain-language notes on the clauses customers ask about most.",
            ("The customer's buyer reads terms they understand, signs sooner, and trusts us more when "
             "something goes wrong later."),
            ("I research every angle before I draft, so I can write simpler, customer-friendly terms without "
             "leaving either side exposed."),
            ("A utility's lawyer told me ours was the first supplier contract she could read in one sitting. "
             "They signed a week early."),
        ),
    },
    {
        "key": "jonas", "name": "Jonas Weber", "title": "Applications Engineer", "dept": "engineering",
        "stage": "specify", "email": f"jonas.weber@{_MAIL}", "phone": "+46 31 555 0133",
        "location": "Gothenburg",
        "what": "Translates the contract into a pump specification, a bill of materials, build drawings "
                "and a test plan.",
        "why": "Procurement and production need an exact specification before they can buy or build "
               "anything.",
        "strengths": "Visits sites; knows which pump will cavitate before the customer does.",
        "story": (
            "A bill of materials for procurement, and build drawings with a test plan for production.",
            ("The pump that arrives is the pump the site needs: the right flow, the right seals, fitting the "
             "pipework they already have. The customer never sees my drawings, only whether it works "
             "on day one."),
            ("I ask for photos of the site before I specify, so surprises land on my desk instead of at "
             "installation."),
            ("A photo showed a flange standard the quote had missed. We changed it before ordering, and "
             "installation took one day instead of three."),
        ),
    },
    {
        "key": "aisha", "name": "Aisha Okafor", "title": "Senior Buyer", "dept": "procurement",
        "stage": "procure", "email": f"aisha.okafor@{_MAIL}", "phone": "+46 31 555 0142", "location": "Borås",
        "what": "Orders motors, castings and seals, and confirms every supplier's delivery date.",
        "why": "The build can only be scheduled once the long-lead parts have dates.",
        "strengths": "Keeps two qualified suppliers for every critical part.",
        "story": (
            "Purchase orders placed, and confirmed supplier dates for every long-lead part.",
            ("If a motor is late, the whole delivery slips; I make sure the customer hears it from us early, "
             "not from an empty site."),
            "I call suppliers before dates slip, not after, and I always have a second source approved.",
            ("A seal supplier went bankrupt in the middle of an order. The second source was already "
             "approved; the customer never knew."),
        ),
    },
    {
        "key": "lars", "name": "Lars Nilsson", "title": "Production Planner", "dept": "production",
        "stage": "build", "email": f"lars.nilsson@{_MAIL}", "phone": "+46 33 555 0150", "location": "Borås",
        "what": "Schedules each build on the assembly line against material dates and capacity.",
        "why": "The line can only build what has parts and a slot.",
        "strengths": "Knows the line's real capacity, not the brochure's.",
    },
    {
        "key": "elena", "name": "Elena Costa", "title": "Assembly Team Lead", "dept": "production",
        "stage": "build", "email": f"elena.costa@{_MAIL}", "phone": "+46 33 555 0158", "location": "Borås",
        "what": "Leads the team that assembles and pressure-tests each pump.",
        "why": "Only a pump that passed its test may leave the plant.",
        "strengths": "Her team signs every test sheet by name.",
        "story": (
            "A finished, pressure-tested pump with its test certificate and packing list.",
            "A pump that passes our test the first time is a pump that starts the first time on site.",
            "My team signs every test sheet by name; nobody wants their name on a pump that comes back.",
            ("We held a pump for a day to re-test a vibration reading. It cost us our shift target and saved "
             "the customer a failed start-up."),
        ),
    },
    {
        "key": "marco", "name": "Marco Rossi", "title": "Dispatch Coordinator", "dept": "logistics",
        "stage": "deliver", "sourcing": "outsourced", "vendor": "FreightLine Logistics",
        "email": "marco.rossi@freightline.example", "phone": "+46 31 555 0171", "location": "Gothenburg port",
        "what": "Books freight, consolidates loads and agrees the delivery slot with the site.",
        "why": "The pump has to be on site before installation can be booked.",
        "strengths": "Knows every access road to every treatment plant in the region.",
    },
    {
        "key": "sven", "name": "Sven Aalto", "title": "Field Installation Lead", "dept": "installation",
        "stage": "implement", "sourcing": "outsourced", "vendor": "ProInstall Services",
        "email": "sven.aalto@proinstall.example", "phone": "+46 31 555 0183", "location": "On the road",
        "what": "Installs and commissions the pump, trains the operators and gets the acceptance signed.",
        "why": "The customer accepts a pump once it runs in their plant, not when it arrives.",
        "strengths": "Calm on site; explains what he is doing while he does it.",
        "sweet_spot": True,
        "story": (
            ("An installed, commissioned pump, a signed acceptance form, and a short training for the "
             "plant's operators."),
            ("I am often the first person 'from Halvorsen' the operators ever meet, although I work for "
             "ProInstall. How we leave their plant room is how they remember the company."),
            ("I walk the site with the operators before I touch anything, so they know what will happen "
             "and when."),
            ("An operator asked me to show the night shift how to restart the pump. I came back at ten in "
             "the evening; that plant renewed for five years."),
        ),
    },
    {
        "key": "daniel", "name": "Daniel Osei", "title": "Support Technician", "dept": "support",
        "stage": "implement", "email": f"daniel.osei@{_MAIL}", "phone": "+46 31 555 0190",
        "location": "Gothenburg",
        "what": "Answers the support line, diagnoses faults with the operators and sends a technician "
                "when needed.",
        "why": "Once the pump runs, support is the customer's daily contact with us.",
        "strengths": "Listens before he asks his checklist questions.", "sweet_spot": True,
        "story": (
            "Problems fixed, and a note to account management about every customer who called twice.",
            ("When a pump alarms at three in the morning, my voice on the phone is the company. A problem "
             "solved on the first call keeps the plant running and keeps the contract."),
            "I diagnose fast because I listen: I let the operator describe the sound before I ask anything.",
            ("An operator said the pump 'sounded like gravel'. That word told me it was cavitation, not a "
             "bearing, and we fixed it by phone in ten minutes."),
        ),
    },
    {
        "key": "hannah", "name": "Hannah Schmidt", "title": "Billing Specialist", "dept": "invoicing",
        "stage": "invoice", "email": f"hannah.schmidt@{_MAIL}", "phone": "+46 31 555 0205",
        "location": "Gothenburg",
        "what": "Raises invoices against the contract milestones once acceptance is signed.",
        "why": "We bill what the customer accepted, so billing waits for installation.",
        "strengths": "Checks every invoice against the contract summary, not just the order in the system.",
        "story": (
            "An invoice that matches the contract milestones and the signed acceptance.",
            ("An invoice the customer can approve without calling anyone gets paid, and nobody on their side "
             "has to defend us to their finance team."),
            "I check every invoice against the contract summary, not just against the system.",
            ("I noticed we were about to bill a milestone the customer had not accepted yet. Holding it one "
             "week saved a dispute."),
        ),
    },
    {
        "key": "carlos", "name": "Carlos Mendes", "title": "Credit and Collections Officer",
        "dept": "collections", "stage": "collect", "email": f"carlos.mendes@{_MAIL}",
        "phone": "+46 31 555 0212", "location": "Gothenburg",
        "what": "Follows up open invoices and sorts out disputes with the customer's accounts payable team.",
        "why": "Only invoices that were sent can be collected; disputes go back to the people who can "
               "fix them.",
        "strengths": "Calls before an invoice is overdue, not after.",
        "story": (
            "Payment received, and a note of every dispute and its cause.",
            "How I ask for money decides whether the customer feels chased or looked after.",
            ("I call before an invoice is due and ask whether anything stands in the way, so disputes "
             "surface early."),
            ("A payment was late because the customer's site manager had left. I found their new contact for "
             "them; they paid in two days and thanked us."),
        ),
    },
    {
        "key": "grace", "name": "Grace Liu", "title": "Key Account Manager", "dept": "accounts",
        "stage": "renew", "email": f"grace.liu@{_MAIL}", "phone": "+46 31 555 0224", "location": "Gothenburg",
        "what": "Runs the yearly account review and proposes service contracts, upgrades and renewals.",
        "why": "The next contract is earned by the whole walk, so it is proposed last.",
        "strengths": "Reads every support case and dispute before meeting a customer.",
        "story": (
            "A renewal proposal and a yearly account review, built on what support and collections tell me.",
            ("The customer's next contract depends on whether the whole walk kept its promises; I make sure "
             "they hear what we learned."),
            "I read every support case and dispute before I meet a customer, so I never walk in surprised.",
            ("At a review the plant manager listed three people who had helped them that year, by name. None "
             "of them was in sales."),
        ),
    },
    {
        "key": "rita", "name": "Rita Novak", "title": "Plant Manager", "kind": "customer",
        "vendor": "Riverside Water Utility", "email": "rita.novak@riverside-water.example",
        "what": "Runs the treatment plant the pump goes into; signs the acceptance.",
    },
    {
        "key": "ben", "name": "Ben Hart", "title": "Accounts Payable Lead", "kind": "customer",
        "vendor": "Riverside Water Utility", "email": "ben.hart@riverside-water.example",
        "what": "Approves and pays supplier invoices.",
    },
]

# giver, receiver, stage, what is handed over, why in this order, two-way
HANDOFFS: list[tuple[str, str, str, str, str, bool]] = [
    ("maya", "tom", "sell", "Accepted quote and the customer's requirements notes",
     "Terms can only be drafted once the price and the scope are agreed.", False),
    ("tom", "priya", "contract", "Draft contract and any non-standard clauses",
     "Legal settles the terms before anything is countersigned; questions go back and forth.", True),
    ("tom", "jonas", "contract", "Countersigned contract, technical annex and a plain-words summary",
     "Engineering specifies against the terms actually signed, not against the quote.", False),
    ("jonas", "aisha", "specify", "Bill of materials and the approved pump specification",
     "Long-lead parts must be ordered before the build can be scheduled.", False),
    ("jonas", "lars", "specify", "Build drawings and the test plan",
     "Production plans the line from the drawings and the material dates.", False),
    ("aisha", "lars", "procure", "Confirmed supplier delivery dates",
     "A build date can only be promised once the parts have dates.", False),
    ("lars", "elena", "build", "Production order and line schedule",
     "The team builds in the order the plan sets.", False),
    ("elena", "marco", "build", "Tested pump, test certificate and packing list",
     "Only a pump that passed its test may leave the plant.", False),
    ("marco", "sven", "deliver", "Delivered pump, delivery note and the site slot",
     "Installation is booked once the pump is on site.", False),
    ("sven", "rita", "implement", "Commissioned pump and operator training",
     "The customer accepts the pump once it runs in their plant.", False),
    ("sven", "hannah", "implement", "Signed acceptance form",
     "We invoice on acceptance, so the invoice matches what the customer agreed was done.", False),
    ("sven", "daniel", "implement", "Commissioning report and site contacts",
     "Support needs the site's details before the first call comes in.", False),
    ("daniel", "rita", "implement", "Support cases, fixes and advice",
     "Problems go both ways until the pump runs as promised.", True),
    ("hannah", "ben", "invoice", "Invoice matching the contract milestones",
     "The customer pays for what they accepted.", False),
    ("hannah", "carlos", "invoice", "Open invoice and the payment terms",
     "Collections follows up only invoices that went out right.", False),
    ("carlos", "grace", "collect", "Payment history and any disputes",
     "Account management must know how paying felt before proposing the next contract.", False),
    ("daniel", "grace", "implement", "Support history and how the pump has run",
     "The renewal conversation starts from how the pump has run.", False),
    ("grace", "rita", "renew", "Account review and renewal proposal",
     "The next contract is earned by the whole walk; it is proposed last.", False),
]
