"""The papers public software carries (issue 15): LICENSE, publiccode.yml, CHANGELOG, SECURITY,
and one version number everywhere.

publiccode.yml is validated with jsonschema against a schema written here from the standard's
documented keys (publiccode.yml 0.4, "The Standard (core)": mandatory keys, enumerations and
lengths); no schema file is downloaded at test time.
"""

import re
import tomllib
from pathlib import Path

import jsonschema
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
TEXT = {"type": "string", "minLength": 1}
LIST = {"type": "array", "items": TEXT, "minItems": 1}
DESCRIPTION = {
    "type": "object",
    "required": ["shortDescription", "longDescription", "features"],
    "properties": {
        "localisedName": TEXT,
        "genericName": {"type": "string", "maxLength": 35},
        "shortDescription": {"type": "string", "minLength": 1, "maxLength": 150},
        "longDescription": {"type": "string", "minLength": 150, "maxLength": 10000},
        "features": {"type": "array", "items": {"type": "string", "maxLength": 100}, "minItems": 1},
    },
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "publiccodeYmlVersion",
        "name",
        "url",
        "platforms",
        "categories",
        "developmentStatus",
        "softwareType",
        "description",
        "legal",
        "maintenance",
        "localisation",
    ],
    "properties": {
        "publiccodeYmlVersion": {"type": "string", "pattern": r"^0\.\d+(\.\d+)?$"},
        "name": TEXT,
        "url": {"type": "string", "pattern": r"^https?://"},
        "softwareVersion": TEXT,
        "releaseDate": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "platforms": LIST,
        "categories": LIST,
        "developmentStatus": {"enum": ["concept", "development", "beta", "stable", "obsolete"]},
        "softwareType": {
            "enum": [
                "standalone/mobile",
                "standalone/iot",
                "standalone/desktop",
                "standalone/web",
                "standalone/backend",
                "standalone/other",
                "addon",
                "library",
                "configurationFiles",
            ]
        },
        "description": {"type": "object", "minProperties": 1, "additionalProperties": DESCRIPTION},
        "legal": {"type": "object", "required": ["license"], "properties": {"license": TEXT}},
        "maintenance": {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"enum": ["internal", "contract", "community", "none"]}},
            "if": {"properties": {"type": {"enum": ["internal", "community"]}}},
            "then": {"required": ["contacts"]},
        },
        "localisation": {
            "type": "object",
            "required": ["localisationReady", "availableLanguages"],
            "properties": {"localisationReady": {"type": "boolean"}, "availableLanguages": LIST},
        },
    },
    "dependentRequired": {"softwareVersion": ["releaseDate"]},
}


def _version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_publiccode_yml_follows_the_standard():
    document = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    jsonschema.validate(document, SCHEMA)
    assert document["legal"]["license"] == "EUPL-1.2"
    assert document["softwareVersion"] == _version()


def test_the_schema_refuses_what_the_standard_refuses():
    document = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    for broken in (
        {**document, "developmentStatus": "done"},
        {k: v for k, v in document.items() if k != "legal"},
    ):
        errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(broken))
        assert errors


def test_the_licence_is_the_full_eupl_1_2():
    text = (ROOT / "LICENSE").read_text()
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in text
    for heading in ("1. Definitions", "5. Obligations of the Licensee", "15. Applicable Law", "Appendix"):
        assert heading in text
    assert len(text.split()) > 2200
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]["text"] == "EUPL-1.2"


def test_changelog_security_and_the_version_agree():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog
    assert re.search(rf"^## \[{re.escape(_version())}\] - \d{{4}}-\d{{2}}-\d{{2}}$", changelog, re.M)
    assert "vulnerab" in (ROOT / "SECURITY.md").read_text().lower()
    assert _version() == settings.GIR_VERSION
