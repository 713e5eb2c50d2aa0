"""The sample room's calls: who says what. Fictional; names and numbers are made up."""

from __future__ import annotations

CALLS = {
    "maria-card-blocked": {
        "persona": "maria-okafor",
        "title": "A blocked card at the supermarket till, sorted in one call",
        "summary": "Maria's card was declined with a trolley full of shopping and the baby "
        "crying. The agent confirms it was a fraud check, unblocks it while she "
        "waits, and texts her when it is done.",
        "moment": "resolved",
        "tone": "positive",
        "tags": ["cards", "fraud"],
        "format": "mulaw-stereo",
        "redact": ["Jasmine", "Adeyemi"],
        "transcript": "transcribe",
        "disguise": True,
        "voice": "en-us+f2",
        "lines": [
            (
                "Agent",
                "Good morning, you're through to Lakeside Bank, this is Callum. How can I help?",
            ),
            (
                "Customer",
                "Hi, my card just got declined at the supermarket and I've got a full trolley and a baby with me.",
            ),
            (
                "Agent",
                "Oh no, that's the worst timing. Let's get this sorted for you right now. Can I take your name?",
            ),
            ("Customer", "It's Jasmine Adeyemi."),
            (
                "Agent",
                "Thanks Jasmine. I can see we paused the card this morning for a quick fraud check.",
            ),
            (
                "Customer",
                "The card number is four nine two nine one two three four five six seven eight nine zero one two.",
            ),
            (
                "Agent",
                "Thank you, that matches. The payment this morning was yours, the nursery fees?",
            ),
            ("Customer", "Yes, that was me, I pay them every term."),
            ("Agent", "Perfect. I've taken the block off, so you can try the card again now."),
            ("Customer", "It worked! Oh, thank you so much, you've saved my morning."),
        ],
    },
    "tom-overdraft-fee": {
        "persona": "tom-hughes",
        "title": "An overdraft fee that didn't feel fair",
        "summary": "Tom's bakery account went overdrawn for one day because a supplier's "
        "refund was late. He is angry; the agent explains, refunds the fee under "
        "her own authority, and sets up a text alert.",
        "moment": "frustration",
        "tone": "mixed",
        "tags": ["billing", "small-business"],
        "format": "mp3",
        "redact": ["Gareth", "Pryce", "Mill Street"],
        "transcript": "vtt",
        "disguise": False,
        "voice": "en-gb+m3",
        "lines": [
            ("Agent", "Lakeside Business Banking, Aileen speaking."),
            (
                "Customer",
                "Hi Aileen, it's Gareth Pryce from the bakery on Mill Street. I've been charged thirty five pounds for going overdrawn by twelve pounds.",
            ),
            (
                "Agent",
                "I'm sorry, Gareth, I can hear how frustrating that is. Let me look at what happened.",
            ),
            (
                "Customer",
                "My supplier's refund was two days late. I've banked with you for eleven years.",
            ),
            (
                "Agent",
                "You're right, and I can see the refund arrived the next morning. I'm going to refund that fee now.",
            ),
            ("Customer", "Really? I was expecting a fight."),
            (
                "Agent",
                "No fight. I can also set up a text alert when the balance drops below two hundred pounds.",
            ),
            (
                "Customer",
                "Please do. My number is oh seven seven zero zero nine zero zero one two three.",
            ),
            ("Agent", "Done. You'll get a text the moment it dips, before any fee."),
            ("Customer", "Right. Thanks. That's actually useful."),
        ],
    },
    "grace-flood-claim": {
        "persona": "grace-lindqvist",
        "title": "The first call after the flood",
        "summary": "Grace calls the morning after the river came into her cottage. The "
        "handler slows down, tells her exactly what happens next, and books a "
        "drying company before the call ends.",
        "moment": "praise",
        "tone": "positive",
        "tags": ["claims", "home"],
        "format": "m4a",
        "redact": ["Margaret"],
        "transcript": "srt",
        "disguise": False,
        "voice": "en-gb+f4",
        "lines": [
            ("Agent", "Lakeside Insurance claims, you're speaking with Moira."),
            (
                "Customer",
                "Hello dear. The river came over the wall last night and my whole ground floor is under water.",
            ),
            ("Agent", "Oh Margaret, I'm so sorry. First, are you safe and warm right now?"),
            (
                "Customer",
                "I'm upstairs with a flask of tea. My neighbour carried the photo albums up.",
            ),
            (
                "Agent",
                "Good. Here's what happens next. I'm opening your claim now, and I'll book a drying company today.",
            ),
            ("Customer", "Today? I thought it would take weeks."),
            (
                "Agent",
                "The drying starts this week. A loss adjuster will call you by Friday, and I'll ring you myself on Thursday.",
            ),
            ("Customer", "You'll ring me yourself? That means a great deal."),
            ("Agent", "I will. You won't have to tell your story twice."),
        ],
    },
    "dev-app-renewal": {
        "persona": "dev-patel",
        "title": "A renewal price that jumped, explained in two minutes",
        "summary": "Dev sees his car insurance renewal go up and calls between delivery "
        "shifts. The agent walks him through why and finds a telematics discount.",
        "moment": "insight",
        "tone": "mixed",
        "tags": ["renewals", "app"],
        "format": "pcm-8k",
        "redact": ["Arjun", "Mehta"],
        "transcript": "plain",
        "disguise": False,
        "voice": "en-us+m1",
        "lines": [
            ("Agent", "Lakeside Insurance, Rhona speaking, how can I help?"),
            (
                "Customer",
                "Hi, it's Arjun Mehta. My renewal has gone up by ninety pounds and the app doesn't say why.",
            ),
            (
                "Agent",
                "Thanks Arjun. Let me have a look. Part of it is the new postcode, and part is the claim in March.",
            ),
            ("Customer", "The claim where someone reversed into me? That wasn't my fault."),
            (
                "Agent",
                "You're right, and I can see it's marked non fault. I'll ask underwriting to take it off.",
            ),
            ("Customer", "Okay, that's fair. Anything else I can do?"),
            ("Agent", "If you fit the driving app, safe drivers save up to twenty percent."),
            ("Customer", "I drive for work all day, so I'll try it. Cheers."),
        ],
    },
    "ana-prescription-mixup": {
        "persona": "ana-souza",
        "title": "Her mother's prescription, sorted before the weekend",
        "summary": "Ana calls because her mother's repeat prescription has not arrived before "
        "dialysis. The agent chases the pharmacy on a three-way call.",
        "moment": "resolved",
        "tone": "positive",
        "tags": ["prescriptions", "carers"],
        "format": "alaw-stereo",
        "transcript": "call-analytics",
        "disguise": False,
        "voice": "en-us+f3",
        "lines": [
            ("Agent", "Lakeside Health, this is Farah."),
            (
                "Customer",
                "Hi Farah, I'm calling for my mother. Her repeat prescription hasn't arrived and she needs it before Monday.",
            ),
            (
                "Agent",
                "I understand, let's make sure she has it. Are you on her account as her representative?",
            ),
            ("Customer", "Yes, since last year. I've done all the forms."),
            (
                "Agent",
                "I can see you. The order is stuck waiting for the pharmacy. I'll call them now with you on the line.",
            ),
            ("Customer", "You can do that? That would be brilliant."),
            ("Agent", "They've confirmed it'll be couriered tomorrow morning, before ten."),
            ("Customer", "Thank you. Honestly, that's one less thing this week."),
        ],
    },
    "walter-large-print": {
        "persona": "walter-brennan",
        "title": "Slow down, speak up: asking for large print",
        "summary": "Walter struggles with the phone menu and the small type on his letters. "
        "The agent speaks clearly, checks he has understood, and switches all his "
        "letters to large print.",
        "moment": "delight",
        "tone": "positive",
        "tags": ["accessibility"],
        "format": "mp3",
        "redact": ["Doyle"],
        "transcript": "plain",
        "disguise": False,
        "voice": "en-gb+m7",
        "lines": [
            ("Agent", "Lakeside Health, you're speaking with Shona. Take your time."),
            (
                "Customer",
                "Hello, love. Can you speak up a bit? The machine talked too fast for me.",
            ),
            ("Agent", "Of course. Is this better, Mr Doyle?"),
            ("Customer", "Much better. I got a letter about my tablets but the print is tiny."),
            (
                "Agent",
                "I'll read it to you now, and I can send every letter in large print from today.",
            ),
            ("Customer", "You can do that? Nobody told me."),
            ("Agent", "I've done it. Your next letter will be in big clear type."),
            ("Customer", "Thank you, pet. You've been very patient with me."),
        ],
    },
    "priya-night-shift": {
        "persona": "priya-nair",
        "title": "Three in the morning, after a night shift",
        "summary": "Priya gets home from the infirmary and finds a fraud alert. The overnight "
        "team is there, fast and kind, and her new card is on its way.",
        "moment": "praise",
        "tone": "positive",
        "tags": ["fraud", "night-shift"],
        "format": "m4a",
        "transcript": "vtt-prefix",
        "disguise": False,
        "voice": "en-us+f4",
        "lines": [
            ("Agent", "Lakeside Bank, overnight team, this is Kwame."),
            (
                "Customer",
                "Hi, sorry it's so late. I've just finished a night shift and there's a fraud alert on my phone.",
            ),
            ("Agent", "No need to be sorry, we're here all night. Let's check it together."),
            ("Customer", "There's a payment to an online shop I've never heard of."),
            (
                "Agent",
                "That wasn't you, so I've stopped the card and the payment. A new card is on its way.",
            ),
            ("Customer", "Thank you. I was dreading having to call in the morning."),
            ("Agent", "Get some sleep. You'll have your money back within two days."),
        ],
    },
    "maria-mortgage-date": {
        "persona": "maria-okafor",
        "title": "Moving the mortgage payment to payday",
        "summary": "A short, happy call: Maria asks to move her mortgage payment date to the "
        "day after payday, and it is done while she is on the line.",
        "moment": "delight",
        "tone": "positive",
        "tags": ["mortgages"],
        "format": "mulaw-mono",
        "redact": ["Leah", "Morrow"],
        "transcript": "srt",
        "disguise": False,
        "voice": "en-us+f2",
        "lines": [
            ("Agent", "Lakeside Mortgages, Callum speaking."),
            ("Customer", "Hi, it's Leah Morrow. Can I move my payment date? My pay day changed."),
            ("Agent", "Absolutely. Which day would suit you best?"),
            ("Customer", "The second of the month would be perfect."),
            ("Agent", "Done. From next month it comes out on the second. No fee."),
            ("Customer", "That's it? Brilliant, thank you."),
        ],
    },
}
