"""The words around a person's name: the cues that say one comes ("my name is", "my son",
"thanks,"), titles, the words that never are part of a name, and how names are spelled out.
Read by :mod:`names`."""

from __future__ import annotations

import re


def _words(text: str) -> list[str]:
    return text.split()


def _listed(text: str) -> list[str]:
    """The items of a list written one after another with "|" between them."""
    return [item.strip().lower() for item in text.split("|")]


STRONG, MEDIUM = 2, 1


WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
POSSESSIVE = re.compile(r"'s$", re.I)
PARTICLES = frozenset(
    _words(
        """van von der den de del della di da das dos du la le al el bin ibn ben ter ten mac st
    saint abu bint binti y ap ab ó o ní ni nic ua af av zu lo ul ud"""
    )
)
TITLES = r"mr|mrs|ms|mx|dr|mister|missus|miss|doctor|prof|professor|sir|madam|dame|lady|lord|rev"
STRONG_TITLES = frozenset(_words("""mr mrs ms mx dr mister missus"""))
FILLERS = frozenset(
    _words("""um uh er erm ah eh hmm actually just its it's like which is was that's namely""")
)
# Words that never are, nor continue, a name after a cue.
STOP = frozenset(
    _words(
        """a an the and or but so if as at by for from in of on to with about into over under i
    i'm im me my mine we us our you your he him his she her they them their it this that
    these those there here is was are were be been being am not no nor yes yeah yep ok
    okay please thanks thank sorry hello hi hey bye goodbye cheers well just really very
    also too still now then today tomorrow yesterday again calling speaking ringing
    phoning regarding who whom whose what which where when why how all any some one ones
    both each every other do does did done have has had having can could will would
    shall should may might must speak talk said told asked ask call called get got go
    going went come came see saw know name names surname number account holder mr mrs ms
    miss mx dr sir madam lady lord don't can't won't didn't isn't wasn't it's that's
    there's here's i've i'll i'd you're we're they're he's she's let's um uh er erm ah
    eh hmm oh right sure fine good great customer customers colleague colleagues resident
    residents member members client clients team everyone valued friends partner patient
    user users policyholder homeowner applicant"""
    )
)
# A word after a capitalised name that makes it an organisation or a place: "Lakeside Bank".
ORGANISATION_AFTER = re.compile(
    r" (?:bank|banking|insurance|building society|group|ltd|limited|plc|inc|llc|council|"
    r"hospital|clinic|surgery|pharmacy|university|school|college|street|road|avenue|lane|"
    r"station|airport|cent(?:re|er)|energy|water|telecom|mobile|airways|airlines|motors|"
    r"services|solutions|holdings|foundation|trust|agency|stores?|shop|express|online|app|"
    r"credit union|finance|financial|mutual|health|care|homes|housing)\b",
    re.I,
)
# A second word that makes two capitalised words a place rather than a person (without a
# cue: "my name is Sarah Green" is still a name).
PLACE_WORD = re.compile(
    r"(?:park|hill|hills|bridge|green|square|gardens|heights|harbou?r|bay|beach|valley|river|"
    r"lake|island|forest|woods?|fields?|cross|gate|way|place|court|common|end|town|city|"
    r"village|county|state|springs?|falls|point|ridge|mount|port|haven|abbey|castle|palace|"
    r"hall|house|tower|church|chapel|market|quay|wharf|row|terrace|crescent|mews)",
    re.I,
)
# Words of the list above that are also given names, taken as names after "my name is".
NAMES_AMONG_STOP = frozenset(["will", "may", "can", "sue", "pat", "don", "ray", "bill"])
OPENING = frozenset(" \t\"'\u201c([")
MONTHS_AND_DAYS = frozenset(
    _words(
        """january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday easter christmas
    xmas whitsun whitsunday pentecost advent lent epiphany hanukkah chanukah diwali eid
    ramadan passover halloween hogmanay thanksgiving"""
    )
)


# Organisations, brands and places a caller names where a person's name could stand ("can I
# speak to Santander", "at John Lewis", "up Ben Nevis"): the ones a bank's, an insurer's or a
# utility's callers mention most, and the ones named like a person. No package lists brands;
# a word that is neither a known name nor a common word is still taken after a cue.
ORGANISATIONS = frozenset(
    _listed(
        """barclays|barclaycard|santander|lloyds|lloyd's|halifax|natwest|hsbc|monzo|starling|revolut|
    nationwide|tsb|metro|virgin|aviva|admiral|direct line|churchill|hastings|axa|allianz|zurich|
    legal & general|prudential|aegon|vanguard|fidelity|paypal|visa|mastercard|amex|klarna|
    clearpay|experian|equifax|vodafone|orange|ee|three|giffgaff|sky|bt|talktalk|octopus|ovo|
    eon|e.on|edf|scottish power|british gas|thames water|tesco|sainsbury|sainsbury's|asda|
    morrisons|aldi|lidl|waitrose|argos|currys|boots|amazon|ebay|apple|google|microsoft|
    netflix|spotify|uber|deliveroo|ryanair|easyjet|jet2|tui|expedia|airbnb|ikea|dyson|ford|
    vauxhall|toyota|honda|nissan|tesla|chase|citi|citibank|wells fargo|morgan stanley|
    goldman sachs|charles schwab|jp morgan|john lewis|marks and spencer|marks & spencer|
    ted baker|tommy hilfiger|ralph lauren|calvin klein|hugo boss|dr martens|mr kipling|
    ben & jerry's|ben and jerry's|ernst & young|deloitte|kpmg|ben nevis|washington post|
    jamie oliver|harvey nichols|selfridges|debenhams|primark|specsavers|rightmove|zoopla|
    hmrc|dvla|nhs|ofgem|ofcom|which|alexa|siri|cortana|openreach|hiscox|skipton|
    yorkshire building society|coventry building society|british airways|easyjet"""
    )
)
# What a person is, not who: "I'm Christian", "I'm Muslim", "I'm Polish".
BELIEFS_AND_ORIGINS = frozenset(
    _words(
        """christian muslim catholic protestant jewish hindu sikh buddhist atheist agnostic
    mormon methodist baptist anglican orthodox quaker pagan jain evangelical pentecostal
    sunni shia shiite shi'a sufi rastafarian
    polish irish scottish welsh english british french german spanish italian portuguese
    indian pakistani nigerian ghanaian chinese romanian turkish greek dutch american
    canadian australian african caribbean asian european jamaican somali kenyan"""
    )
)
# What a caller calls an agent that is not a name: "cheers mate", "thanks love".
ENDEARMENTS = frozenset(
    _words(
        """love mate pal darling dear hun hon babe sweetheart sweetie buddy bud chief boss sir
    madam maam ma'am mister miss folks guys all everyone lads ladies gents"""
    )
)
# Words before a name that make it a title, a storm or a place: "King Charles Spaniel",
# "Storm Ciaran", "Royal London", "Lake Victoria".
NOT_A_FIRST_NAME = frozenset(
    _words(
        """king queen prince princess saint st lord lady sir dame royal storm hurricane cape
    mount lake fort port new old north south east west great little upper lower greater
    central"""
    )
)
# Words of speaker labels that name a role, not a person (many are also given names, or are
# missing from the dictionary).
LABEL_ROLES = frozenset(
    _words(
        """unknown ivr bot chatbot system doctor nurse male female son daughter mother father
    mentor interpreter translator narrator moderator presenter host guest interviewer
    interviewee caller customer agent speaker voice other third party attorney power joint
    holder account representative advisor adviser member patient client user staff
    supervisor manager trainee trainer coach assistant virtual recording"""
    )
)
# Words that never are a surname after a title ("Mr and Mrs Patel", "Dr who?").
NOT_AFTER_TITLE = frozenset(
    _words(
        """a an the and or but so if as at by for from in of on to with is was are were be i
    me my you your he she it we they this that who what which not no yes please thanks here
    there said says told asked has had have will would can could should did does thinks
    wants wanted thought"""
    )
)
# The spelling alphabet (ICAO/NATO), read as a run of its words without the letters
# ("papa india kilo echo").
NATO = (
    r"alpha|alfa|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett?|kilo|lima|mike|"
    r"november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiske?y|x-?ray|yankee|zulu"
)
NATO_RUN = re.compile(rf"(?<![\w'])(?:{NATO})(?:[ ,\-]+(?:{NATO})){{2,}}(?![\w'])", re.I)


# Cues after which a name comes, with how sure each is.
CUES: list[tuple[str, int]] = [
    (
        r"my name(?:'s| is)|my names|name's|name is|name was|names? are|call me|known as|"
        r"goes by|the names? of|by the name|under the name|(?:account|joint|policy|card) ?"
        r"holders?(?: is|'s| was| are| were|:)|held by|belongs to|pronounced|calls? me|"
        r"name (?:on|of) (?:the |my |his |her |their |your |our )?(?:card|account|policy|"
        r"booking|letter|form|statement|file|record|bill|order|cheque|check|deed|licen[cs]e|"
        r"passport|application|claim)(?: is| was|'s|:|,)?|"
        r"(?:lady|man|woman|gentleman|guy|chap|girl|boy|someone|somebody|person|agent|"
        r"colleague|advis[eo]r|fella|bloke|engineer|technician|fitter|plumber|driver|"
        r"courier|nurse|officer|manager|supervisor|rep|representative|operator|solicitor|"
        r"lawyer|accountant|broker|lad|boy|friend|neighbou?r) (?:called|named|by the name of)|"
        r"(?:first|last|second|middle|family|maiden|full|sur|given|christian|fore|married|"
        r"legal|nick) ?name(?: is|'s|:| was|,)?|surname|spelt|spelled|spelling|"
        r"(?:is|was|who's|'s) called|(?:is|was) named|named|signed by|addressed to(?: an?)?|"
        r"a note for|note for|for the attention of|attention of|attn\.?|care of|c/o|dear|"
        r"you'?re speaking (?:to|with)|you are speaking (?:to|with)|"
        r"speaking to|speak to|speak with|spoke to|spoke with|spoken to|talking to|talked to|"
        r"talk to|ask for|asked for|asking for|put me through to|transfer(?:red)? me to|"
        r"passed me (?:on )?to|pass me to|deal(?:ing|t)? with|in touch with|contact(?:ed)?|"
        r"identified as|caller is|customer is|executor for|on behalf of|"
        r"this is|it's|its|it is|i am|i'm|im",
        STRONG,
    ),
    (
        r"thanks(?: very much| so much| a lot| again)?|thank you(?: very much| so much)?|"
        r"cheers|hi|hello|hey|bye|goodbye|tell|problem|"
        r"good (?:morning|afternoon|evening)|morning|afternoon|okay|ok|right|yes|no|sorry|"
        r"lovely|brilliant|perfect|great|well",
        MEDIUM,
    ),
    (
        r"(?:my|your|his|her|our|their) (?:late |dear |eldest |youngest |older |younger |"
        r"little |big |ex |ex-)?"
        r"(?:(?:mother|father|brother|sister|son|daughter)[- ]in[- ]law|parents|children|kids|"
        r"grandparents|in-laws|mother|mum|mom|mam|mummy|father|dad|daddy|son|daughter|wife|"
        r"husband|partner|brother|sister|grandson|"
        r"granddaughter|grandmother|grandfather|grandma|grandpa|grandad|granddad|granny|gran|nan|"
        r"nana|nanna|"
        r"aunt|auntie|aunty|uncle|nephew|niece|cousin|fianc[eé]e?|boyfriend|girlfriend|friend|"
        r"neighbou?r|carer|child|kid|baby|stepson|stepdaughter|stepmother|stepfather|stepmum|"
        r"stepdad|flatmate|housemate|landlord|landlady|colleague|boss|manager|solicitor|"
        r"lodger|tenant|spouse|twin|mate|pal)(?:'s)?"
        r"(?: name is| name was| name| is called| was called| called| named| who is called|"
        r" is|,)?",
        MEDIUM,
    ),
]
GREETINGS, RELATIVES = 1, 2  # which of the CUES above: a name spoken to, a relative's name
# The cues that allow almost any word after them (the rest need a word known as a name).
CERTAIN = re.compile(
    r"name|call me|calls me|known as|goes by|called|named|holder|held by|belongs|pronounced|"
    r"spel|signed|addressed|note for|attention|attn|care of|c/o|dear",
    re.I,
)
SELF = re.compile(r"my name|name's|call me|this is|it's|its|it is|i am|i'm|im|known as|goes", re.I)
# "this is …" and "it's …" are names only with what usually follows a name there.
NEEDS_CLOSE = re.compile(r"^(?:this is|it's|its|it is)$", re.I)
CLOSE_AFTER = re.compile(
    r"\s*(?:,\s*)?(?:speaking|calling|here|from|on the line|ringing|phoning|again|back|"
    r"by the way|about|with|returning|regarding|for)\b|\s*,\s*(?:i|i'm|i've|we)\b|"
    r"\s*(?:,\s*)?(?:mr|mrs|ms|mx|dr)\b",
    re.I,
)
CUE_PATTERN = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(f"(?P<c{index}>{words})" for index, (words, _) in enumerate(CUES))
    + r")(?![\w'])",
    re.I,
)
TITLE = re.compile(rf"(?<![\w'])(?:{TITLES})\.?(?=\s)", re.I)
AND_NEXT = re.compile(
    r",? (?:and|&) (?!(?:i|me|my|he|she|hes|shes|he's|she's|they|theyre|we|you|it|its|his|"
    r"her|their|then|so|now|the|a|an|that|this|there)\b)",
    re.I,
)
TITLE_NEXT = re.compile(rf"[\s,]+(?:{TITLES})\.?\s", re.I)
RELATIVE_AFTER = re.compile(r"'s (?:mother|mum|mom|father|dad|son|daughter|wife|husband)", re.I)

LETTER = r"(?:(?:double|treble|triple) )?[^\W\d_](?![^\W\d_])"
SPELLED = re.compile(rf"(?<![\w']){LETTER}(?:(?:[ \t]*[,.\-][ \t]*|[ \t]+){LETTER}){{2,}}", re.I)
ALPHABET_ITEM = r"[A-Za-z] (?:for|as in|is for|like) [A-Za-z]+"
ALPHABET = re.compile(
    rf"(?<![\w']){ALPHABET_ITEM}(?:(?:[ \t]*[,.;]?[ \t]*(?:and |then )?){ALPHABET_ITEM})*",
    re.I,
)
ALPHABET_PART = re.compile(r"([A-Za-z]) (for|as in|is for|like) ([A-Za-z]+)", re.I)
# Words before letters read out that make them a code, not a name: "the reference is alpha
# bravo kilo", "It's hotel kilo zulu bravo" after "Can I take your reference?".
CODE_CONTEXT = re.compile(
    r"\b(?:reference|ref|code|booking|policy|order|membership|account|id|password|postcode|"
    r"registration|reg|plate|serial|option|press)\b\W*(?:\w+\W+){0,6}$",
    re.I,
)
SPELLING_CONTEXT = re.compile(
    r"(?:spel\w*|name\w*|that's|thats|that is|it's|its|letters?|initials?)\W*(?:\w+\W+){0,4}$",
    re.I,
)
NUMBERISH = re.compile(r"\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


def folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` without IGNORECASE, for a text already in lower case (several times faster
    on a long page)."""
    return re.compile(pattern.pattern, pattern.flags & ~re.I)
