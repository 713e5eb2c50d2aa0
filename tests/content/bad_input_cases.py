"""More clumsy and hostile content for tests/content/test_bad_input.py: each case is files written over
a copy of tests/rooms/minimal, the exit code of ``check``, and a piece of the one located line
it must print (file, line where the tool knows it, field)."""

from __future__ import annotations

MORE_CASES: dict[str, tuple[dict[str, str], int, str]] = {
    "persona without name": (
        {"personas/ann/persona.md": "---\nsegment: s\ntagline: t\n---\n"},
        1,
        "personas/ann/persona.md:2: name: required",
    ),
    "persona goals not a list": (
        {"personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\ngoals: {a: b}\n---\n"},
        1,
        "personas/ann/persona.md:5: goals: input should be a valid list",
    ),
    "persona folder bad slug": (
        {"personas/Ann_Lee/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\n---\n"},
        1,
        "personas/Ann_Lee: folder name is the persona's address",
    ),
    "persona photo missing": (
        {
            "personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\nphoto: ann.jpg\nphoto_alt: Ann smiling\n---\n"
        },
        1,
        "personas/ann/persona.md:5: photo: no file 'ann.jpg' in ann/",
    ),
    "persona photo not an image": (
        {
            "personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\nphoto: ann.jpg\nphoto_alt: Ann smiling\n---\n",
            "personas/ann/ann.jpg": "not an image",
        },
        1,
        "personas/ann/persona.md:5: photo: 'ann.jpg' is not an image Pillow can read",
    ),
    "persona typo field": (
        {"personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\ntaglne: x\n---\n"},
        0,
        "personas/ann/persona.md:5: taglne: unknown field, ignored",
    ),
    "persona malformed yaml": (
        {"personas/ann/persona.md": "---\nname: Ann\nsegment: [s\ntagline: t\n---\n"},
        1,
        "personas/ann/persona.md:4: YAML is malformed (expected ',' or ']', but got ':')",
    ),
    "quote without text": (
        {
            "content/quotes.yml": "quotes:\n  - persona: sam-reid\n    tone: positive\n    source: review\n"
        },
        1,
        "content/quotes.yml:2: text: required",
    ),
    "quote unknown tone": (
        {
            "content/quotes.yml": "quotes:\n  - text: ok\n    persona: sam-reid\n    tone: happy\n    source: review\n"
        },
        1,
        "content/quotes.yml:4: tone: input should be 'positive', 'negative', 'mixed' or 'neutral'",
    ),
    "quote unknown persona": (
        {
            "content/quotes.yml": "quotes:\n  - text: ok\n    persona: sam-red\n    tone: positive\n    source: review\n"
        },
        1,
        "content/quotes.yml:2: persona: no persona 'sam-red'",
    ),
    "quotes not a list": (
        {"content/quotes.yml": "quotes: hello\n"},
        1,
        "content/quotes.yml:1: quotes: should hold a list under 'quotes:'",
    ),
    "quotes csv bad date": (
        {
            "content/quotes.csv": "text,persona,tone,source,date\nok,sam-reid,positive,review,31/02/2026\n"
        },
        1,
        "content/quotes.csv:2: date: 31/02/2026 is not a day of the calendar",
    ),
    "quotes tab indent": (
        {"content/quotes.yml": "quotes:\n\t- text: ok\n"},
        1,
        "content/quotes.yml:2: YAML is malformed (found character '\\t' that cannot start any token)",
    ),
    "visit end before start": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '12:00'\n    end: '10:00'\n    host: B\n"
        },
        1,
        "content/visits.yml:2: the visit must end after it starts",
    ),
    "visit bad time": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '25:00'\n    end: '10:00'\n    host: B\n"
        },
        1,
        "content/visits.yml:6: start: hour must be in 0..23",
    ),
    "visit unknown status": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    status: maybe\n"
        },
        1,
        "content/visits.yml:9: status: input should be 'planned', 'confirmed', 'done' or 'cancelled'",
    ),
    "visit bad repeat": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=FORTNIGHTLY\n"
        },
        1,
        "content/visits.yml:9: repeat: not a repeat rule (invalid 'FREQ': FORTNIGHTLY)",
    ),
    "visit changes not a list": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY\n"
            "    changes: cancel the second one\n"
        },
        1,
        "content/visits.yml:10: changes: input should be a valid list",
    ),
    "visit change occurrence nonsense": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY\n"
            "    changes:\n      - occurrence: soon\n"
        },
        1,
        "content/visits.yml:11: changes.0.occurrence: input should be a valid date",
    ),
    "visit change moved end before start": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY\n"
            "    changes:\n      - occurrence: 2026-06-09\n        start: '13:00'\n"
        },
        1,
        "content/visits.yml:2: the visit on 2026-06-09 must end after it starts",
    ),
    "visit change of a day far from the rule": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY\n"
            "    changes:\n      - occurrence: 9999-01-01\n"
        },
        1,
        "content/visits.yml:11: changes.0.occurrence: 9999-01-01 is not a date of the room",
    ),
    "visit until a word": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY\n"
            "    until: whenever\n"
        },
        1,
        "content/visits.yml:10: until: input should be a valid date",
    ),
    "visit change after a COUNT ends": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY;COUNT=2\n"
            "    changes:\n      - occurrence: 2026-06-23\n        status: cancelled\n"
        },
        1,
        "content/visits.yml:2: changes: 2026-06-23 is after the series has ended (its COUNT or UNTIL)",
    ),
    "visit change after until": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY\n"
            "    until: 2026-06-10\n    changes:\n      - occurrence: 2026-06-16\n        start: '11:00'\n"
        },
        1,
        "content/visits.yml:2: changes: 2026-06-16 is after the series has ended (until: 2026-06-10)",
    ),
    "lend change after UNTIL": (
        {
            "content/lending.yml": "lending:\n  - id: a\n    agent: Moira\n    home_team: C\n    host_function: D\n    start: 2026-06-01\n    end: 2026-06-05\n    repeat: FREQ=MONTHLY;UNTIL=20260801\n"
            "    changes:\n      - occurrence: 2026-09-01\n        outcome: A better form\n"
        },
        1,
        "content/lending.yml:2: changes: 2026-09-01 is after the series has ended",
    ),
    "visit until with a COUNT": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY;COUNT=20\n"
            "    until: 2026-07-01\n"
        },
        1,
        "content/visits.yml:10: until: the rule already ends after a number of repeats (COUNT)",
    ),
    "visit first day off the rule": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-01\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY;BYDAY=TU\n"
        },
        0,
        "content/visits.yml:2: date: 2026-06-01 (Monday) is not a day the rule FREQ=WEEKLY;BYDAY=TU gives: the series starts on 2026-06-02 (Tuesday)",
    ),
    "visit too many changes": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    repeat: FREQ=WEEKLY\n"
            "    changes:\n" + "".join("      - occurrence: 2026-06-09\n" for _ in range(501))
        },
        1,
        "content/visits.yml:10: changes: list should have at most 500 items",
    ),
    "lend end before start": (
        {
            "content/lending.yml": "lending:\n  - id: a\n    agent: Moira\n    home_team: C\n    host_function: D\n    start: 2026-06-10\n    end: 2026-06-01\n"
        },
        1,
        "content/lending.yml:2: the lend must end on or after its first day",
    ),
    "onboarding unknown page": (
        {
            "content/onboarding.yml": "title: R\nsections:\n  - title: W\n    items:\n      - page: nowhere\n"
        },
        1,
        "content/onboarding.yml:5: sections.0.items.0.page: no page 'nowhere'",
    ),
    "onboarding url without title": (
        {
            "content/onboarding.yml": "title: R\nsections:\n  - title: W\n    items:\n      - url: https://intranet.example/x\n"
        },
        1,
        "content/onboarding.yml:5: title: required with url",
    ),
    "free page malformed front matter": (
        {"content/guide.md": "---\ntitle: [x\n---\nhello\n"},
        1,
        "content/guide.md:3: YAML is malformed (expected ',' or ']', but got '<stream end>')",
    ),
    "free page title wrong type": (
        {"content/guide.md": "---\ntitle: {a: b}\n---\nhello\n"},
        1,
        "content/guide.md:2: title: input should be a valid string",
    ),
    "clip audio missing": (
        {
            "clips/c.yml": "title: A\npersona: sam-reid\nmoment: praise\ntone: positive\naudio: c.wav\ntranscript: c.vtt\nconsent: {reference: R, date: 2026-01-05, scope: s}\n",
            "clips/c.vtt": "WEBVTT\n",
        },
        1,
        "clips/c.yml:5: audio: no file 'c.wav' in clips/",
    ),
    "clip path escapes": (
        {
            "clips/c.yml": "title: A\npersona: sam-reid\nmoment: praise\ntone: positive\naudio: ../../etc/passwd\ntranscript: c.vtt\nconsent: {reference: R, date: 2026-01-05, scope: s}\n",
            "clips/c.vtt": "WEBVTT\n",
        },
        1,
        "clips/c.yml:5: audio: points outside the room",
    ),
    "clip redact_terms not a list": (
        {
            "clips/c.yml": "title: A\npersona: sam-reid\nmoment: praise\ntone: positive\naudio: c.wav\ntranscript: c.vtt\nredact_terms: {a: 1}\nconsent: {reference: R, date: 2026-01-05, scope: s}\n"
        },
        1,
        "clips/c.yml:7: redact_terms: input should be a valid list",
    ),
    "mkdocs timezone unknown": (
        {
            "mkdocs.yml": "site_name: B\ndocs_dir: content\ntheme: {name: material, font: false}\nplugins:\n  - search\n  - tags\n  - customer-room:\n      timezone: Mars/Olympus\n",
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n",
        },
        1,
        "mkdocs.yml: timezone: 'Mars/Olympus' is not a time zone",
    ),
    "persona tagline missing": (
        {"personas/ann/persona.md": "---\nname: Ann\nsegment: s\n---\n"},
        1,
        "personas/ann/persona.md:2: tagline: required",
    ),
    "persona at_a_glance not a mapping": (
        {
            "personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\nat_a_glance: [a, b]\n---\n"
        },
        1,
        "personas/ann/persona.md:5: at_a_glance: input should be a valid dictionary",
    ),
    "persona photo without alt": (
        {
            "personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\nphoto: ann.jpg\n---\n"
        },
        1,
        "personas/ann/persona.md:5: photo_alt: required with a photo",
    ),
    "persona photo focus nonsense": (
        {
            "personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\nphoto_focus: up a bit\n---\n"
        },
        1,
        "personas/ann/persona.md:5: photo_focus: 'up a bit' is not a place in the photo — write "
        "where the face is: top, center or bottom",
    ),
    "persona photo focus past the edge": (
        {
            "personas/ann/persona.md": "---\nname: Ann\nsegment: s\ntagline: t\nphoto_focus: 50% 140%\n---\n"
        },
        1,
        "personas/ann/persona.md:5: photo_focus: '50% 140%' is not a place in the photo",
    ),
    "persona no front matter": (
        {"personas/ann/persona.md": "Ann is a customer.\n"},
        1,
        "personas/ann/persona.md:1: name: required",
    ),
    "quote impossible date": (
        {
            "content/quotes.yml": "quotes:\n  - text: ok\n    persona: sam-reid\n    tone: positive\n    source: review\n    date: 2026-02-30\n"
        },
        1,
        "content/quotes.yml:6: date: input should be a valid date or datetime, day value is outside expected range",
    ),
    "quote negative at": (
        {
            "content/quotes.yml": "quotes:\n  - text: ok\n    persona: sam-reid\n    tone: positive\n    source: review\n    at: -5\n"
        },
        1,
        "content/quotes.yml:6: at: input should be greater than or equal to 0",
    ),
    "quote unknown source": (
        {
            "content/quotes.yml": "quotes:\n  - text: ok\n    persona: sam-reid\n    tone: positive\n    source: radio\n"
        },
        1,
        "content/quotes.yml:5: source: input should be 'call', 'survey', 'review', 'interview', 'chat', 'email' or 'social'",
    ),
    "quote unknown clip": (
        {
            "content/quotes.yml": "quotes:\n  - text: ok\n    persona: sam-reid\n    tone: positive\n    source: call\n    clip: nowhere\n"
        },
        1,
        "content/quotes.yml:2: clip: no clip 'nowhere'",
    ),
    "quotes csv without text column": (
        {"content/quotes.csv": "words,persona,tone,source\nok,sam-reid,positive,review\n"},
        1,
        "content/quotes.csv:1: the first row should name the columns; missing: text",
    ),
    "quotes top level misspelt": (
        {"content/quotes.yml": "quote:\n  - text: ok\n"},
        1,
        "content/quotes.yml:1: quotes: should hold a list under 'quotes:'",
    ),
    "visit impossible date": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-02-30\n    start: '10:00'\n    end: '12:00'\n    host: B\n"
        },
        1,
        "content/visits.yml:5: date: input should be a valid date or datetime, day value is outside expected range",
    ),
    "visit negative seats": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n    seats: -1\n"
        },
        1,
        "content/visits.yml:9: seats: input should be greater than or equal to 1",
    ),
    "visit host missing": (
        {
            "content/visits.yml": "visits:\n  - id: a\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n"
        },
        1,
        "content/visits.yml:2: host: required",
    ),
    "visit bad id": (
        {
            "content/visits.yml": "visits:\n  - id: Not A Slug\n    visitor: Sam Lee\n    department: M\n    date: 2026-06-02\n    start: '10:00'\n    end: '12:00'\n    host: B\n"
        },
        1,
        "content/visits.yml:2: id: string should match pattern '^[a-z0-9][a-z0-9-]*$'",
    ),
    "visits not a list": (
        {"content/visits.yml": "visits: tomorrow\n"},
        1,
        "content/visits.yml:1: visits: should hold a list under 'visits:'",
    ),
    "lend agent missing": (
        {
            "content/lending.yml": "lending:\n  - id: a\n    home_team: C\n    host_function: D\n    start: 2026-06-01\n    end: 2026-06-10\n"
        },
        1,
        "content/lending.yml:2: agent: required",
    ),
    "lend unknown status": (
        {
            "content/lending.yml": "lending:\n  - id: a\n    agent: Moira\n    home_team: C\n    host_function: D\n    start: 2026-06-01\n    end: 2026-06-10\n    status: gone\n"
        },
        1,
        "content/lending.yml:8: status: input should be 'planned', 'confirmed', 'done' or 'cancelled'",
    ),
    "lend bad date": (
        {
            "content/lending.yml": "lending:\n  - id: a\n    agent: Moira\n    home_team: C\n    host_function: D\n    start: next week\n    end: 2026-06-10\n"
        },
        1,
        "content/lending.yml:6: start: input should be a valid date or datetime, input is too short",
    ),
    "agent lent twice at once": (
        {
            "content/lending.yml": "lending:\n  - id: a\n    agent: Moira\n    home_team: C\n    host_function: D\n    start: 2026-06-01\n    end: 2026-06-10\n  - id: b\n    agent: Moira\n    home_team: C\n    host_function: E\n    start: 2026-06-05\n    end: 2026-06-12\n"
        },
        1,
        "content/lending.yml:8: start: Moira is already lent from 2026-06-01 to 2026-06-10 (content/lending.yml:2)",
    ),
    "onboarding unknown persona": (
        {
            "content/onboarding.yml": "title: R\nsections:\n  - title: W\n    items:\n      - persona: nobody\n"
        },
        1,
        "content/onboarding.yml:5: sections.0.items.0.persona: no persona 'nobody'",
    ),
    "onboarding unknown clip": (
        {
            "content/onboarding.yml": "title: R\nsections:\n  - title: W\n    items:\n      - clip: noclip\n"
        },
        1,
        "content/onboarding.yml:5: sections.0.items.0.clip: no clip 'noclip'",
    ),
    "onboarding empty section": (
        {"content/onboarding.yml": "title: R\nsections:\n  - title: W\n    items: []\n"},
        1,
        "content/onboarding.yml:4: sections.0.items: list should have at least 1 item after validation, not 0",
    ),
    "onboarding two kinds in one item": (
        {
            "content/onboarding.yml": "title: R\nsections:\n  - title: W\n    items:\n      - page: welcome\n        persona: sam-reid\n"
        },
        1,
        "content/onboarding.yml:5: give exactly one of persona, clip, page, schedule or url (this item has persona, page)",
    ),
    "free page tags wrong type": (
        {"content/guide.md": "---\ntags: {a: b}\n---\nhello\n"},
        1,
        "content/guide.md:2: tags: input should be a valid list",
    ),
    "free page unknown field": (
        {"content/guide.md": "---\ntitel: Guide\n---\nhello\n"},
        0,
        "content/guide.md:2: titel: unknown field, ignored",
    ),
    "clip unknown moment": (
        {
            "clips/c.yml": "title: A\npersona: sam-reid\nmoment: happy\ntone: positive\naudio: c.wav\ntranscript: c.vtt\nconsent: {reference: R, date: 2026-01-05, scope: s}\n"
        },
        1,
        "clips/c.yml:3: moment: input should be 'praise', 'frustration', 'resolved', 'delight' or 'insight'",
    ),
    "clip trim end before start": (
        {
            "clips/c.yml": "title: A\npersona: sam-reid\nmoment: praise\ntone: positive\naudio: c.wav\ntranscript: c.vtt\ntrim: {start: 5, end: 2}\nconsent: {reference: R, date: 2026-01-05, scope: s}\n"
        },
        1,
        "clips/c.yml:7: trim: trim end must come after trim start",
    ),
    "clip speakers not a mapping": (
        {
            "clips/c.yml": "title: A\npersona: sam-reid\nmoment: praise\ntone: positive\naudio: c.wav\ntranscript: c.vtt\nspeakers: [Agent]\nconsent: {reference: R, date: 2026-01-05, scope: s}\n"
        },
        1,
        "clips/c.yml:7: speakers: input should be a valid dictionary",
    ),
    "clip title missing": (
        {
            "clips/c.yml": "persona: sam-reid\nmoment: praise\ntone: positive\naudio: c.wav\ntranscript: c.vtt\nconsent: {reference: R, date: 2026-01-05, scope: s}\n"
        },
        1,
        "clips/c.yml:1: title: required",
    ),
    "clip yaml malformed": (
        {"clips/c.yml": "title: [A\n"},
        1,
        "clips/c.yml:2: YAML is malformed (expected ',' or ']', but got '<stream end>')",
    ),
    "clip consent date wrong": (
        {
            "clips/c.yml": "title: A\npersona: sam-reid\nmoment: praise\ntone: positive\naudio: c.wav\ntranscript: c.vtt\nconsent: {reference: R, date: soon, scope: s}\n"
        },
        1,
        "clips/c.yml:7: consent.date: input should be a valid date or datetime, input is too short",
    ),
}
