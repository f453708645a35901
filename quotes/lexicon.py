"""Word lists the attribution rules read: general English, nothing from any one article."""

from __future__ import annotations

CUE_LEMMAS = frozenset(
    """
    say tell add warn claim describe hail demand insist continue state explain argue note write
    tweet post announce declare suggest admit acknowledge concede contend assert maintain reply
    respond answer ask urge predict promise pledge vow accuse complain criticise criticize
    praise boast joke quip recall remark comment observe stress emphasise emphasize reiterate
    repeat confirm deny reveal disclose report caution lament mock slam blast brand dub label
    term exclaim shout yell cry whisper mutter scream chant testify allege charge counter
    retort rebut agree disagree conclude concur estimate proclaim recount tout welcome brag
    complain grumble protest plead beg implore reckon wonder muse marvel gush rage fume thunder
    hit lash condemn decry dismiss scoff sneer taunt threaten challenge question query
    interject interrupt volunteer offer propose recommend advise inform assure reassure
    acknowledge explain elaborate clarify specify detail summarise summarize put call sing
    rap preach pray plead shrug sigh laugh smile nod insist recite read liken blame underline
    """.split()
)

ACTION_CUE_LEMMAS = frozenset("offer agree promise pledge vow threaten propose volunteer".split())
"""Reporting verbs that also name an act ("offered a choice", "agreed to sell"): told under
someone else's reporting verb they report no words of their own."""

PLACE_NOUNS = frozenset(
    """
    station road street avenue lane square bridge airport hospital school college university
    park stadium ground hall centre center building church cathedral prison estate
    """.split()
)
"""Nouns of places a name may stand before ("Prince Alder station"): the name is the place's."""

MALE_TITLES = frozenset("mr sir lord baron king prince duke earl father brother".split())
FEMALE_TITLES = frozenset(
    "ms mrs miss dame lady baroness queen princess duchess countess sister madam".split()
)
NEUTRAL_TITLES = frozenset(
    """
    dr prof professor rev reverend rt hon cllr councillor sen senator rep representative gov
    governor president gen col colonel capt captain lt sgt judge justice mayor
    """.replace(".", "").split()
)
TITLES = MALE_TITLES | FEMALE_TITLES | NEUTRAL_TITLES
SURNAME_TITLES = TITLES - frozenset("sir dame lord lady baroness baron".split())
"""Titles put before a surname ("Mr Okafor"); the others may precede a first name ("Sir Tom")."""
KINSHIP_TITLES = frozenset("father brother sister mother".split())
"""Titles before a name ("Sister Wendy") but common nouns after one ("Wolf Brother")."""
RELATIVE_NOUNS = frozenset(
    """
    brother sister son daughter wife husband father mother uncle aunt cousin nephew niece
    grandson granddaughter grandfather grandmother twin partner fiance fiancee widow widower
    """.split()
)
"""Relatives named after a possessive by one word ("his brother Ned"): that word is a name."""
BLOOD_RELATIVES = frozenset(
    "brother sister son daughter father mother twin grandson granddaughter".split()
)
"""Relatives who share the surname of the one whose relative they are."""
HONORIFICS = frozenset("mr mrs ms miss dr".split())
"""Always followed by a name, even one that is also a title or party ("Mr King", "Dr Green")."""

MALE_PRONOUNS = frozenset("he him his himself".split())
FEMALE_PRONOUNS = frozenset("she her hers herself".split())
PLURAL_PRONOUNS = frozenset("they them their themselves".split())
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})

ROLE_ABBREVIATIONS = {
    "pm": "prime minister",
    "fm": "first minister",
    "potus": "president",
    "ceo": "chief executive",
    "mp": "member of parliament",
}

ANONYMOUS_DETERMINERS = frozenset("one a an another some several two three many senior".split())

ANONYMOUS_NOUNS = frozenset(
    """
    source sources official officials insider insiders aide aides spokesman spokeswoman
    spokesperson spokespeople minister ministers mp mps figure figures ally allies friend
    friends member members adviser advisers advisor advisors person people observer observers
    critic critics analyst analysts expert experts resident residents voter voters supporter
    supporters campaigner campaigners activist activists witness witnesses colleague colleagues
    """.split()
)

PARTY_WORDS = frozenset(
    """
    labour tory tories conservative conservatives liberal democrat democrats democratic
    republican republicans gop snp green greens reform ukip plaid dup sinn libdem libdems lib dem
    dems
    """.split()
)

SPOKESPERSON_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople".split()
)
"""An unnamed one speaks for the organisation named with it ("a Portwell Council spokesman")."""

PARTY_NAMES = {
    "conservative": "Conservative Party",
    "conservatives": "Conservative Party",
    "tory": "Conservative Party",
    "tories": "Conservative Party",
    "labour": "Labour Party",
    "liberal democrat": "Liberal Democrats",
    "liberal democrats": "Liberal Democrats",
    "lib dem": "Liberal Democrats",
    "lib dems": "Liberal Democrats",
}
"""A British party by the word used for its members, as an organisation's full name."""

ROLE_WORDS = frozenset(
    """
    minister secretary chairman chairwoman chair leader chancellor candidate president
    spokesman spokeswoman spokesperson governor senator congressman congresswoman mayor
    councillor director chief executive commissioner official officer adviser advisor aide
    deputy shadow former nominee speaker whip envoy ambassador editor reporter correspondent
    analyst expert professor economist founder owner manager coach captain host anchor
    attorney lawyer judge justice sheriff general secretary-general premier pm mp ceo dj
    exchequer
    """.split()
)

ROLE_QUALIFIERS = frozenset("shadow deputy former vice acting assistant junior interim".split())
"""Words that make another role of the same noun: the shadow chancellor is not the chancellor."""
RANKS = frozenset("top first second third fourth fifth sixth seventh eighth ninth tenth".split())
"""Words that tell one seed or place from another: "the seventh seed" is not the top seed."""

BODY_NOUNS = frozenset("committee commission inquiry panel council tribunal union".split())
"""Bodies that speak as one ("the committee said") once the article has named them."""
DOCUMENT_NOUNS = frozenset("report findings study review".split())
"""Documents that speak for whoever issued them ("a report by the Portwell Trust")."""
COMPANY_NOUNS = frozenset("company firm board corporation".split())
"""Nouns by which an article goes on naming a company once named: "the company said"."""
ISSUED_NOUNS = DOCUMENT_NOUNS | frozenset({"statement"})
"""Documents and statements that speak for their issuer: "Acme said in a statement"."""
ISSUING_LEMMAS = frozenset(
    "publish issue release produce make say add write present put unveil compile prepare".split()
)
"""Verbs whose subject issues the document they bring in: "Acme published a report", "Acme
said in a statement" (not "Acme criticised the report")."""
MEMBER_NOUNS = frozenset("mps members peers".split())
"""A committee's members speaking for it: "the MPs said"."""

THING_NOUNS = frozenset(
    """
    plan plans scheme schemes policy policies strategy strategies proposal proposals decision
    decisions ruling rulings judgment judgement verdict vote votes ballot ballots bill bills law
    laws legislation measure measures move moves change changes reform reforms budget tax taxes
    cut cuts rise rate rates poster posters advert adverts ad ads system systems programme deal
    deals agreement treaty row dispute issue issues problem problems crisis case idea ideas
    approach target targets number numbers cost costs price prices economy market markets
    population share majority minority % per cent percent video videos footage clip clips spot
    """.split()
)
"""Things that cannot speak: a subject such as "the ruling" or "8% of the population" is never a
speaker, whatever verb it governs."""
OWNED_WORDS = frozenset(
    "statement reaction response reply comments remarks words message letter speech".split()
)
"""What someone said or wrote: "Mr Roe's statement", "his first reaction" speak for the owner."""

POST_NOMINALS = frozenset(
    "mp mps msp msps am ams mep meps mla mlas td qc kc obe mbe cbe kbe dbe frs".split()
)
"""Letters after a name (Ann Kerr QC) or before it (Green MSP Ann Kerr), never part of it."""

NATIONALITIES = frozenset(
    """
    british english scottish welsh irish american canadian australian
    french german italian spanish portuguese dutch belgian swiss austrian swedish norwegian
    danish finnish polish russian ukrainian greek turkish israeli palestinian iranian iraqi
    syrian egyptian saudi indian pakistani chinese japanese korean african nigerian kenyan
    brazilian mexican argentine european
    """.split()
)
"""Words for where a person is from, written before a name ("Australian Tom Pellow")."""

FEMALE_PERSON_NOUNS = frozenset(
    """
    woman girl mother daughter wife widow sister actress sportswoman businesswoman
    chairwoman spokeswoman congresswoman grandmother frenchwoman englishwoman welshwoman
    scotswoman irishwoman dutchwoman
    """.split()
)
MALE_PERSON_NOUNS = frozenset(
    """
    man boy father son husband widower brother sportsman businessman chairman spokesman
    congressman frontman grandfather frenchman englishman welshman scotsman irishman dutchman
    """.split()
)
PERSON_NOUNS = (
    FEMALE_PERSON_NOUNS
    | MALE_PERSON_NOUNS
    | frozenset(
        """
        player star striker midfielder defender goalkeeper keeper winger prop flanker hooker
        batsman bowler champion athlete runner sprinter boxer golfer rider driver cyclist
        swimmer jockey skipper veteran youngster teenager debutant actor singer rapper
        musician guitarist drummer presenter comedian writer author novelist producer
        filmmaker artist designer model dancer entrepreneur billionaire tycoon banker
        politician lawmaker legislator boss seed
        """.split()
    )
)
"""Nouns that, after "the", stand for a person the article has named ("the striker")."""

DEMONYMS = frozenset(
    """
    american canadian australian brazilian argentine argentinian austrian belgian swiss
    italian german russian ukrainian israeli palestinian iranian iraqi syrian egyptian saudi
    indian pakistani nigerian kenyan mexican croatian serbian romanian bulgarian chilean
    colombian spaniard briton scot swede dane pole finn serb croat czech slovak norwegian
    frenchman englishman welshman scotsman irishman dutchman frenchwoman englishwoman
    welshwoman scotswoman irishwoman dutchwoman
    """.split()
)
"""Nouns for one person of a nation: after "the" ("the Canadian"), the person the article has
named, never a body ("the French" are a people and are not here)."""

ORG_WORDS = frozenset(
    """
    party council committee ministry department government office agency authority commission
    news times post journal herald guardian telegraph tribune gazette press network radio tv
    television channel university college school institute foundation association union league
    club group company corporation inc corp ltd plc llc bank court police service house senate
    congress parliament campaign team fund trust church board bureau center centre hospital
    administration organisation organization federation coalition alliance movement society
    """.split()
)

OUTLET_NOUNS = frozenset(
    """
    magazine newspaper paper website site blog broadcaster channel station network publisher
    """.split()
)
"""Common nouns for a medium whose name goes before them: "the influential Edge magazine" speaks
as Edge."""

CLAUSE_OPENERS = frozenset(
    """
    although though because unless until whether however meanwhile still yet so now like
    unlike despite during once even also only just not both either neither each every all
    some any many most other another such than where why how what who which but and or if
    when while after before since as
    """.split()
)
"""Capitalised at the start of a sentence, never the first word of a person's name."""

NOT_NAME_WORDS = CLAUSE_OPENERS | frozenset(
    """
    the a an in on at of for to from with by
    this that these those his her their our my your its he she they we it there here then
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december north south east west new street
    road avenue city county state states republic kingdom united national international
    """.split()
)

WORK_NOUNS = frozenset(
    """
    book novel memoir anthem song album film movie show programme program series episode
    column essay poem play documentary podcast
    """.split()
)
"""Nouns that a title in quotes names ("his book, “Storms Over the Harbour”")."""

SUBORDINATORS = frozenset(
    "when while after before because since until although though if once whereas".split()
)
"""Words that open a clause of circumstance: a cue in "…,” when Roe criticised her" does not
report the quote before it."""
