"""Canned queries the plugin adds to every database that holds a ``quotes`` table.

Supplied through Datasette's ``canned_queries`` hook, which works the same on 0.65 and
1.0, so ``metadata.yml`` stays pure metadata and no configuration file is needed.
Text parameters match names loosely (case-insensitive substring, any form of a speaker's
name) and an empty parameter matches everything (both empty: nothing). Id columns
returned beside names let the plugin link each name to its readable page; the SQL is
folded on the query page.
"""

from __future__ import annotations

from typing import Any

SPEAKER_MATCHES = """
    select id from speakers where name like '%' || :speaker || '%'
    union select speaker_id from speaker_aliases where alias like '%' || :speaker || '%'"""

OUTLETS_OF_STATEMENT = """(
    select group_concat(name, ', ') from (
      select distinct outlets.name from quotes as carried
      join outlets on outlets.id = carried.outlet_id
      where carried.statement_id = statements.id order by outlets.name
    )
  )"""

OUTLETS_FOR_STATEMENT = f"""
with matched as (
  select distinct quotes.statement_id
  from quotes
  left join statements on statements.id = quotes.statement_id
  where quotes.statement_id is not null
    and (:q != '' or :speaker != '')
    and (
      :q = ''
      or quotes.id in (
        select rowid from quotes_fts
        where quotes_fts match coalesce(nullif(escape_fts(:q), ''), '""')
      )
    )
    and (
      :speaker = ''
      or quotes.speaker_id in ({SPEAKER_MATCHES})
      or statements.speaker_id in ({SPEAKER_MATCHES})
    )
)
select
  outlets.name as outlet,
  quotes.text as wording,
  quotes.relation,
  quotes.date,
  coalesce(articles.title, quotes.article_id) as article,
  speakers.name as speaker,
  quotes.statement_id,
  quotes.article_id,
  quotes.outlet_id,
  quotes.speaker_id
from matched
join quotes on quotes.statement_id = matched.statement_id
left join outlets on outlets.id = quotes.outlet_id
left join articles on articles.id = quotes.article_id
left join speakers on speakers.id = quotes.speaker_id
order by quotes.statement_id, outlets.name, quotes.date, quotes.start
"""

SPEAKER_STATEMENTS = f"""
select
  quotes.statement_id,
  coalesce(statements.text, quotes.text) as statement,
  speakers.name as speaker,
  min(quotes.date) as first_seen,
  count(distinct quotes.outlet_id) as n_outlets,
  count(*) as n_occurrences,
  {OUTLETS_OF_STATEMENT} as outlets,
  speakers.id as speaker_id
from quotes
join speakers on speakers.id = quotes.speaker_id
left join statements on statements.id = quotes.statement_id
where :speaker = '' or speakers.id in ({SPEAKER_MATCHES})
group by coalesce(quotes.statement_id, -quotes.id), speakers.id
order by first_seen desc, n_occurrences desc
limit 1000
"""

CONFLICTS = """
select statement_id, statement, speaker, speaker_text, outlets, occurrences, speaker_id
from conflicts
order by statement_id, occurrences desc
"""

MOST_CARRIED = f"""
select
  statements.id as statement_id,
  statements.text as statement,
  speakers.name as speaker,
  statements.n_outlets,
  statements.n_occurrences,
  statements.first_seen,
  {OUTLETS_OF_STATEMENT} as outlets,
  statements.conflict,
  statements.speaker_id
from statements
left join speakers on speakers.id = statements.speaker_id
order by statements.n_outlets desc, statements.n_occurrences desc, statements.id
limit 100
"""

OUTLET_TOP_SPEAKERS = """
select
  outlets.name as outlet,
  speakers.name as speaker,
  count(distinct quotes.statement_id) as statements,
  count(*) as quotes,
  min(quotes.date) as first_quoted,
  max(quotes.date) as last_quoted,
  outlets.id as outlet_id,
  speakers.id as speaker_id
from quotes
join outlets on outlets.id = quotes.outlet_id
join speakers on speakers.id = quotes.speaker_id
where :outlet = '' or outlets.name like '%' || :outlet || '%'
group by outlets.id, speakers.id
order by quotes desc, statements desc, speakers.name
limit 100
"""

QUOTED_PEOPLE_BY_GENDER = """
select
  outlets.name as outlet,
  count(distinct speakers.id) as people,
  count(distinct case when speakers.gender = 'female' then speakers.id end) as women,
  count(distinct case when speakers.gender = 'male' then speakers.id end) as men,
  count(distinct case when speakers.gender is null then speakers.id end) as unknown,
  round(100.0 * count(distinct case when speakers.gender = 'female' then speakers.id end)
    / nullif(count(distinct case when speakers.gender is not null then speakers.id end), 0), 1)
    as women_percent_of_known,
  outlets.id as outlet_id
from quotes
join outlets on outlets.id = quotes.outlet_id
join speakers on speakers.id = quotes.speaker_id
where speakers.kind = 'person'
group by outlets.id
order by people desc, outlets.name
"""


def _query(sql: str, title: str, description: str, params: list[str]) -> dict[str, Any]:
    return {
        "sql": sql.strip(),
        "title": title,
        "description": description,
        "params": params,
        "hide_sql": True,
    }


CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "outlets_for_statement": _query(
        OUTLETS_FOR_STATEMENT,
        "Which outlets carried this statement?",
        "Finds the statements whose wording matches the words (full-text search) and, "
        "optionally, the speaker, then lists every outlet that printed each of them: "
        "the wording it printed (in full, a fragment or a variant), the date and the "
        "article.",
        ["speaker", "q"],
    ),
    "speaker_statements": _query(
        SPEAKER_STATEMENTS,
        "Everything a speaker said",
        "Each distinct statement attributed to the speaker, newest first, with the "
        "outlets that carried it.",
        ["speaker"],
    ),
    "attribution_conflicts": _query(
        CONFLICTS,
        "Attribution conflicts",
        "Statements that different outlets attribute to different speakers, one row "
        "per statement and credited speaker.",
        [],
    ),
    "most_carried_statements": _query(
        MOST_CARRIED,
        "Statements carried by the most outlets",
        "The statements printed by the largest number of outlets.",
        [],
    ),
    "outlet_top_speakers": _query(
        OUTLET_TOP_SPEAKERS,
        "Whom an outlet quotes most",
        "Speakers ranked by how many quotes the outlet printed from them.",
        ["outlet"],
    ),
    "quoted_people_by_gender": _query(
        QUOTED_PEOPLE_BY_GENDER,
        "Women and men each outlet quotes",
        "The people each outlet quotes, by gender as the articles show it (a title such "
        "as Mr or Ms, the pronoun a quote is credited through, or a first name); unknown "
        "when none of these tells, never guessed from a surname. The percentage of women "
        "is of the people whose gender is known.",
        [],
    ),
}
