"""The demo's contacts: names with readings, where each was met, tags, search rows and goals."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from netui.domain.reading import name_key, sort_key
from netui.state import demo_words as words
from netui.state.demo.goals import link_people
from netui.state.search import fts_values, short_grams, short_tokens, word_grams

if TYPE_CHECKING:
    from netui.state.demo.generator import _Generator as Generator

# Contacts met over 3 years before the store's today.
MET_DAYS = 1095
STAGES = ("met", "acquainted", "known", "trusted")
_STAGE_WEIGHTS = (45, 30, 17, 8)


@cache
def _name_fields(name: str, reading: str) -> tuple[str, str, str, str]:
    """The sort key, the name key, and the name and reading columns of contact_fts.

    Computed by the Store's own functions so they cannot drift from them; names
    repeat, so pykakasi runs once per distinct name instead of once per contact.
    """
    columns = fts_values(name, reading, "", "", (), "", "", "")
    return sort_key(name, reading or None), name_key(name), columns[0], columns[1]


@cache
def _fts_column(column: int, value: str | tuple[str, ...]) -> str:
    """One column of fts_values, for a field whose column depends on that field alone.

    The demo's companies, roles, tag sets and phrases repeat, so each distinct value
    is folded once; the tests compare every row with what derived.refresh_search writes.
    """
    fields: list[object] = ["", "", "", "", (), "", "", ""]
    fields[column] = value
    return fts_values(*fields)[column]  # type: ignore[arg-type]


# The 1- and 2-character pieces of a folded column, once per distinct value.
_short_tokens = cache(short_tokens)


def person(gen: Generator) -> tuple[str, str, str]:
    """A name, its reading (kana, or empty) and an email local part."""
    r = gen.rng.random
    if r() < 0.5:
        family, family_kana = words.FAMILY_NAMES[int(r() * len(words.FAMILY_NAMES))]
        given, given_kana = words.GIVEN_NAMES[int(r() * len(words.GIVEN_NAMES))]
        local = f"{words.romaji(given_kana)}.{words.romaji(family_kana)}"
        return f"{family} {given}", f"{family_kana} {given_kana}", local
    first = words.LATIN_FIRST[int(r() * len(words.LATIN_FIRST))]
    last = words.LATIN_LAST[int(r() * len(words.LATIN_LAST))]
    return f"{first} {last}", "", f"{words.slug(first)}.{words.slug(last)}"


def met(
    gen: Generator, cid: int, day: int, channel: str
) -> tuple[int, str, int | None, int | None]:
    """Where the contact came from: (met on, channel, met at event, introduced by)."""
    if cid > 20 and gen.rng.random() < 0.15:
        return day, "introduction", None, gen.rng.randint(1, cid - 1)
    if channel in gen.by_kind and gen.rng.random() < 0.85:
        # The latest attended event of the channel's kind, on or before that day.
        event_days, event_ids = gen.by_kind[channel]
        at = bisect(event_days, day) - 1
        if at >= 0:
            return event_days[at], channel, event_ids[at], None
    return day, channel, None, None


def _as_the_story_says(gen: Generator, stage: int, met_at: int | None, produced: set[int]) -> int:
    """The stage of a contact met at `met_at` as its series' story has it (demo.events): met
    at a barren series, at most acquainted; the first met at each paused one, known at
    least, so its nudge (plan the next one) has the relationship it produced."""
    series = gen.event_series[met_at] if met_at is not None else 0
    story = gen.series_story.get(series, "")
    if story == "barren":
        return min(stage, 1)
    if story == "paused" and series not in produced:
        produced.add(series)
        return max(stage, 2)
    return stage


def add_contacts(gen: Generator) -> None:
    """Contacts, their tags, search rows and goal links and slots; what later tables draw from them."""
    rng, r, n, today = gen.rng, gen.rng.random, gen.n, gen.today.toordinal()
    stage_pick = words.Picker(rng, tuple(zip(range(4), _STAGE_WEIGHTS, strict=True)))
    channel_pick = words.Picker(rng, words.CHANNEL_WEIGHTS)
    # Sorted, so ids follow the order in which people were met (introducers come first).
    met_days = sorted(today - int(r() * MET_DAYS) for _ in range(n))
    tricky = {
        i * n // len(words.TRICKY_NAMES) + 1: name for i, name in enumerate(words.TRICKY_NAMES)
    }
    gen.stage, gen.met_day = [0] * (n + 1), [0] * (n + 1)
    gen.met_at = [None] * (n + 1)
    gen.introducer = [None] * (n + 1)
    # name_key (the folded name without spaces, for exact matching) is newer than the rest of the
    # table: written when the schema has it.
    columns = gen.writer.columns("contact")
    with_key = "name_key" in columns
    rows, fts, short, links = [], [], [], []
    # The contacts carrying each goal's tags, in id order: whom its links are drawn from.
    carriers: dict[int, list[int]] = {plan.gid: [] for plan in gen.goals}
    goals_by_tag: dict[str, list[int]] = {}
    for plan in gen.goals:
        for tag in plan.spec.tags:
            goals_by_tag.setdefault(tag, []).append(plan.gid)
    produced: set[int] = set()  # the paused series where someone met became known
    for cid in range(1, n + 1):
        name, reading, local = person(gen)
        if cid in tricky:
            name, reading = tricky[cid], ""
        stage = stage_pick()
        day, channel, met_at, introducer = met(gen, cid, met_days[cid - 1], channel_pick())
        stage = gen.stage[cid] = _as_the_story_says(gen, stage, met_at, produced)
        gen.met_day[cid], gen.met_at[cid], gen.introducer[cid] = day, met_at, introducer
        company, domain = words.COMPANIES[int(r() * len(words.COMPANIES))]
        role = gen.maybe(0.85, words.ROLES)
        email = f"{local}@{domain}" if r() < 0.7 else ""
        confirmed = int(not reading or r() < 0.9)
        tags = sorted({words.TAGS[gen.tag_pick() - 1] for _ in range(int(r() * 4.5))})
        links += [(cid, words.TAGS.index(t) + 1) for t in tags]
        for gid in {gid for tag in tags for gid in goals_by_tag.get(tag, ())}:
            carriers[gid].append(cid)
        notes = gen.maybe(0.6, words.NOTES)
        needs, offers = gen.maybe(0.4, words.NEEDS), gen.maybe(0.4, words.OFFERS)
        pitch = r() < 0.03
        pitch_note = gen.pick(words.SOLICITATION_NOTES) if pitch else ""
        phone = f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}" if r() < 0.4 else ""
        city = gen.maybe(0.6, words.CITIES)
        birthday = gen.day(today - rng.randint(8000, 22000)) if r() < 0.15 else None
        link = f"https://www.linkedin.com/in/{local.replace('.', '-')}-{cid}" if r() < 0.3 else ""
        cadence = rng.choice((14, 30, 60, 90)) if r() < 0.1 else None
        key, name_key, fts_name, fts_reading = _name_fields(name, reading)
        rows.append((cid, name, reading, confirmed, key, company,
                     role, email, phone, city, birthday, link, channel, gen.day(day), met_at,
                     introducer, STAGES[stage], cadence, needs, offers, notes, int(pitch),
                     pitch_note, int(r() < 0.02), gen.at(day),
                     *((name_key,) if with_key else ())))  # fmt: skip
        rest = (company, role, tuple(tags), notes, needs, offers)
        folded = (fts_name, fts_reading, *map(_fts_column, range(2, 8), rest))
        fts.append((cid, *folded))
        grams = short_grams(
            folded[0],
            folded[1],
            folded[2],
            folded[4],
            words=word_grams(folded[3], folded[6], folded[7]),
            tokens=_short_tokens,
        )
        short.append((cid, grams))
    gen.insert(
        "contact",
        "id, name, reading, reading_confirmed, sort_key, company, role, email, phone,"
        " location, birthday, links, channel, met_on, met_at_id, introduced_by_id, stage,"
        " cadence_days, needs, offers, notes, solicitation, solicitation_note, archived,"
        " created_at, updated_at"
        + (", name_key" if with_key else "")
        + " = "
        + ", ".join(f"?{i}" for i in (*range(1, 26), 25, *((26,) if with_key else ()))),
        rows,
    )
    gen.insert(
        "stage_change",
        "contact_id, from_stage, to_stage, changed_at",
        stage_changes(gen, [row[24] for row in rows]),
    )
    gen.insert("contact_tag", "contact_id, tag_id", links)
    gen.insert(
        "contact_fts",
        "rowid, name, reading, company, role, tags, notes, needs, offers",
        fts,
    )
    gen.insert("contact_short", "rowid, grams", short)
    link_people(gen, carriers)


def stage_changes(gen: Generator, created: list[str]) -> Iterator[tuple[object, ...]]:
    """Each contact's stage history: created at its stage, as the schema's back-fill says,
    except every seventh contact past the first stage, created a stage lower and promoted
    halfway between its meeting and today (the goals' promotions have some to count).

    `created` holds each contact's created_at, in id order. No random draw is taken, so
    every other table of the demo stays as the seed made it before.
    """
    today = gen.today.toordinal()
    for cid in range(1, gen.n + 1):
        stage, day, at = gen.stage[cid], gen.met_day[cid], created[cid - 1]
        if stage and cid % 7 == 0 and today - day >= 2:
            yield cid, None, STAGES[stage - 1], at
            yield cid, STAGES[stage - 1], STAGES[stage], f"{gen.day((day + today) // 2)} 18:00:00"
        else:
            yield cid, None, STAGES[stage], at
