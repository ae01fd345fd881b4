"""The services template: how a signed subscription walks through a software
and services company, from the first demo to the renewal.

Plain data, read by `model.templates.catalog`. The outsourced implementation partner
is measured on billable work and the onboarding team on speed to go-live (no
KPI in common): the experience conflict this kind of company usually has.
"""
from __future__ import annotations

from typing import Any

META: dict[str, str] = {
    "title": "Order-to-cash walk: Brightline Cloud",
    "organisation": "Brightline Cloud (a made-up software company)",
    "description": (
        "A template: how a signed subscription for field-service scheduling software walks from the first "
        "demo to the renewal. Replace the example people with your own colleagues."
    ),
}

DEPARTMENTS: list[tuple[str, str, str, list[str]]] = [
    ("sales", "Sales", "Selling the outcome the customer needs, not the feature list.",
     ["New annual recurring revenue", "Sales cycle length", "Time to first value"]),
    ("dealdesk", "Deal desk and legal", "An order form the customer can sign without a lawyer's week.",
     ["Sales cycle length", "Contracts signed without redlines"]),
    ("design", "Solution design", "A design that fits how the customer's crews really work.",
     ["Contracts signed without redlines", "Configuration matches the design", "Time to first value"]),
    ("itops", "IT operations", "A tenant that is ready, secure and fast on day one.",
     ["Configuration matches the design", "Tenant provisioned within one day", "Uptime"]),
    ("partner", "Implementation partner", "Delivering the configuration the statement of work describes.",
     ["Billable utilisation", "Project margin", "Configuration matches the design"]),
    ("onboarding", "Onboarding", "Getting the customer live and their people confident, fast.",
     ["Time to go-live", "Users trained before launch", "Time to first value",
      "Billing starts on go-live day"]),
    ("success", "Customer success", "The customer reaching the goals they bought us for.",
     ["Time to first value", "Weekly active users", "Net revenue retention"]),
    ("support", "Support", "Solving the problem on the first contact.",
     ["First-contact resolution", "Customer satisfaction (CSAT)", "Weekly active users"]),
    ("billing", "Billing", "Invoices that match the order form, every month.",
     ["Billing starts on go-live day", "Invoices without credit notes", "Days sales outstanding"]),
    ("receivables", "Accounts receivable", "Getting paid without souring the relationship.",
     ["Days sales outstanding", "Disputed invoices"]),
    ("renewals", "Renewals", "A renewal the customer expects, because the year delivered.",
     ["Net revenue retention", "Disputed invoices", "Renewal rate"]),
]

_MAIL = "brightline.example"

PEOPLE: list[dict[str, Any]] = [
    {
        "key": "nina", "name": "Nina Alvarez", "title": "Account Executive", "dept": "sales", "stage": "sell",
        "email": f"nina.alvarez@{_MAIL}", "location": "Austin",
        "what": "Runs discovery and demos and agrees price and scope with the customer.",
        "why": "The promise comes first; everything else delivers it.",
        "strengths": "Writes down the customer's own words for their goals.",
        "story": (
            "A verbal yes, the price, and the customer's goals in their own words.",
            "Solution design builds for the goals I wrote down; if I oversell, onboarding pays for it.",
            "I record the customer's words, not my pitch, so the people after me hear the customer.",
            ("A dispatcher told me she wanted to 'stop phoning technicians all day'. That sentence became "
             "the goal of the whole project."),
        ),
    },
    {
        "key": "omar", "name": "Omar Haddad", "title": "Deal Desk Analyst", "dept": "dealdesk",
        "stage": "contract", "email": f"omar.haddad@{_MAIL}", "location": "Austin",
        "what": "Prepares the order form and the statement of work and gets them signed.",
        "why": "Nothing is designed or provisioned before the order form is signed.",
        "strengths": "Keeps standard terms short and readable.",
        "story": (
            "A signed order form and a statement of work that says what is and is not included.",
            ("A clear statement of work is what stops the 'we thought that was included' argument in "
             "month three."),
            "I read every statement of work as the customer's project manager would.",
            ("I rewrote a statement of work in plain English on a Friday; the customer signed it on Monday "
             "with no redlines."),
        ),
    },
    {
        "key": "chen", "name": "Chen Wei", "title": "Solution Architect", "dept": "design",
        "stage": "specify", "email": f"chen.wei@{_MAIL}", "location": "Toronto",
        "what": "Designs the configuration, integrations and data migration for the customer.",
        "why": "Operations and the partner need a design before they build anything.",
        "strengths": "Rides along with the customer's crews before designing.",
        "story": (
            "A solution design, an environment request and a data-migration plan.",
            ("The customer's crews use what I design every day; a design that fits their day is one they "
             "keep."),
            "I ride along with a technician for a day before I design anything.",
            ("A ride-along showed that crews had no signal in basements, so we designed offline mode in from "
             "the start."),
        ),
    },
    {
        "key": "ravi", "name": "Ravi Menon", "title": "Cloud Operations Engineer", "dept": "itops",
        "stage": "procure", "email": f"ravi.menon@{_MAIL}", "location": "Pune",
        "what": "Provisions the customer's tenant, licences and single sign-on.",
        "why": "The partner can only configure a tenant that exists.",
        "strengths": "Automates every provisioning step he has done twice.",
    },
    {
        "key": "laura", "name": "Laura Becker", "title": "Implementation Consultant", "dept": "partner",
        "stage": "build", "sourcing": "outsourced", "vendor": "Kestrel Consulting",
        "email": "laura.becker@kestrel.example", "location": "Chicago",
        "what": "Configures the tenant and migrates the customer's data.",
        "why": "Onboarding trains people on a configured system with their own data in it.",
        "strengths": "Tests migrations with the customer's messiest data first.",
        "story": (
            "A configured tenant with the customer's data migrated and checked.",
            "When the dispatcher logs in on day one and sees her own jobs, she trusts the system.",
            "I test the migration with the customer's messiest records first.",
            ("Migrating 40,000 work orders, I found 3,000 duplicate customers and cleaned them with the "
             "customer before go-live."),
        ),
    },
    {
        "key": "sofia", "name": "Sofia Marin", "title": "Onboarding Manager", "dept": "onboarding",
        "stage": "deliver", "email": f"sofia.marin@{_MAIL}", "location": "Toronto",
        "what": "Plans the go-live, trains the customer's users and confirms the launch.",
        "why": "Go-live needs a configured system; billing and success start from it.",
        "strengths": "Trains the sceptics first.",
        "sweet_spot": True,
        "story": (
            "A live customer, trained users, and go-live notes for customer success.",
            "The first week decides whether people use the product or work around it.",
            "I find the most sceptical dispatcher and train her first; if she is convinced, the room is.",
            ("A go-live slipped a week because of the partner's backlog; I told the customer the same day, "
             "with a new date, and they thanked us for it."),
        ),
    },
    {
        "key": "james", "name": "James O'Connor", "title": "Customer Success Manager", "dept": "success",
        "stage": "implement", "email": f"james.oconnor@{_MAIL}", "location": "Dublin",
        "what": "Runs adoption reviews and keeps the success plan on track.",
        "why": "Value shows after go-live, when people use the product every day.",
        "strengths": "Measures what the customer measures.",
        "story": (
            "A success plan, adoption reviews, and a health score for renewals.",
            "The customer sees whether they reached the goals they bought us for.",
            "I track the customer's own measure (phone calls to technicians) rather than our logins.",
            ("The dispatcher who wanted to 'stop phoning technicians' called me to say she had not made one "
             "call that week."),
        ),
    },
    {
        "key": "aiko", "name": "Aiko Tanaka", "title": "Support Engineer", "dept": "support",
        "stage": "implement", "email": f"aiko.tanaka@{_MAIL}", "location": "Dublin",
        "what": "Answers tickets and calls, reproduces problems and fixes or escalates them.",
        "why": "Once live, support is the customer's daily contact.",
        "strengths": "Reproduces the problem before answering.", "sweet_spot": True,
        "story": (
            "Solved tickets, and patterns of problems for customer success.",
            "A ticket solved on first contact keeps a crew working instead of waiting.",
            ("I reproduce the problem on a copy of the customer's setup before I answer, so my first answer "
             "is the right one."),
            ("A customer's app crashed only on one phone model; I bought one that afternoon and had a fix by "
             "evening."),
        ),
    },
    {
        "key": "peter", "name": "Peter Novak", "title": "Billing Analyst", "dept": "billing",
        "stage": "invoice", "email": f"peter.novak@{_MAIL}", "location": "Austin",
        "what": "Starts the subscription billing on go-live and issues the monthly invoices.",
        "why": "Billing starts when the customer is live, not when the contract is signed.",
        "strengths": "Matches every invoice to the order form.",
        "story": (
            "Invoices that match the order form and the go-live date.",
            "An invoice that surprises nobody is paid on time and never discussed.",
            "I check the go-live date with onboarding before the first invoice goes out.",
            "I caught an invoice dated from signature instead of go-live and fixed it before it went out.",
        ),
    },
    {
        "key": "fatima", "name": "Fatima Zahra", "title": "Accounts Receivable Specialist",
        "dept": "receivables", "stage": "collect", "email": f"fatima.zahra@{_MAIL}", "location": "Austin",
        "what": "Follows up unpaid invoices and resolves disputes.",
        "why": "Collection follows the invoice; disputes go back to billing or success.",
        "strengths": "Tells renewals about every dispute before the renewal call.",
    },
    {
        "key": "ethan", "name": "Ethan Brooks", "title": "Renewals Manager", "dept": "renewals",
        "stage": "renew", "email": f"ethan.brooks@{_MAIL}", "location": "Austin",
        "what": "Prepares and negotiates the renewal.", "why": "A renewal is the verdict on the whole year.",
        "strengths": "Starts renewal talks with the customer's results, not the price.",
        "story": (
            "A renewal proposal built on the customer's results and any open problems.",
            "The customer renews what the year proved; I make sure they see the proof.",
            "I bring the success plan and every open dispute to the renewal call.",
            ("A customer planned to cancel over one invoice dispute; because receivables had told me, I "
             "settled it first and they renewed for three years."),
        ),
    },
    {
        "key": "dana", "name": "Dana Whitfield", "title": "Operations Director", "kind": "customer",
        "vendor": "Meridian Field Services", "email": "dana.whitfield@meridian.example",
        "what": "Owns the project on the customer's side and decides on the renewal.",
    },
    {
        "key": "tomas", "name": "Tomás Reyes", "title": "IT Administrator", "kind": "customer",
        "vendor": "Meridian Field Services", "email": "tomas.reyes@meridian.example",
        "what": "Runs the system day to day and raises support tickets.",
    },
    {
        "key": "lisa", "name": "Lisa Park", "title": "Finance Manager", "kind": "customer",
        "vendor": "Meridian Field Services", "email": "lisa.park@meridian.example",
        "what": "Approves and pays the subscription invoices.",
    },
]

HANDOFFS: list[tuple[str, str, str, str, str, bool]] = [
    ("nina", "omar", "sell", "Agreed price and scope, and the customer's goals",
     "The order form writes down what was agreed.", False),
    ("omar", "chen", "contract", "Signed order form and statement of work",
     "Design starts from what was signed, not from the demo.", False),
    ("chen", "ravi", "specify", "Environment request and security requirements",
     "A tenant has to exist before anyone can configure it.", False),
    ("chen", "laura", "specify", "Solution design and data-migration plan",
     "The partner configures to the design.", False),
    ("ravi", "laura", "procure", "Provisioned tenant and admin access",
     "Configuration needs a working tenant.", False),
    ("laura", "sofia", "build", "Configured tenant with the customer's data migrated",
     "Users are trained on the system they will use, with their own data.", False),
    ("sofia", "dana", "deliver", "Go-live and trained users",
     "The customer is live once their people can work in it.", False),
    ("sofia", "james", "deliver", "Go-live notes and the customer's success goals",
     "Customer success picks up where onboarding ends.", False),
    ("sofia", "peter", "deliver", "Go-live confirmation",
     "The subscription is billed from go-live.", False),
    ("james", "dana", "implement", "Adoption reviews and the success plan",
     "Value is shown after go-live, in the customer's own measures.", False),
    ("james", "aiko", "implement", "Key users and known risks",
     "Support knows who is who before the first ticket.", False),
    ("aiko", "tomas", "implement", "Tickets, fixes and workarounds",
     "Questions and answers go both ways until the problem is solved.", True),
    ("peter", "lisa", "invoice", "Monthly subscription invoice",
     "The customer pays for the service they are live on.", False),
    ("peter", "fatima", "invoice", "Issued invoices and payment terms",
     "Receivables follows up what was billed.", False),
    ("fatima", "ethan", "collect", "Payment history and open disputes",
     "Renewals must know about every dispute before the renewal call.", False),
    ("james", "ethan", "implement", "Health score and adoption data",
     "The renewal is built on the customer's results.", False),
    ("ethan", "dana", "renew", "Renewal proposal",
     "The renewal closes the year's walk and opens the next.", False),
]
