"""The learned choice between people (issue 21): a "he"/"she" with several people of its gender
in reach, a bare surname with several namesakes.  Its file, the start-up check, and where the
rules stay in charge.  The articles are written here."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import Extractor
from claims.extraction.person_model import (
    FEATURES,
    FORMAT,
    MODEL_PATH,
    REBUILD,
    PersonModel,
    PersonModelError,
    features_hash,
)

ROOT = Path(__file__).resolve().parents[2]


def _logging_extractor(nlp, model="default"):
    ex = Extractor(nlp, person_model=model)
    ex.person_log = []
    return ex


def _speaker_of(result, words):
    return next(q.speaker for q in result.quotes if words in q.text)


def _write_model(tmp_path, coef, name="m.json", **extra):
    spec = {"format": FORMAT, "features_hash": features_hash(), "features": list(FEATURES),
            "coef": coef, "margin": 0.0, **extra}
    path = tmp_path / name
    path.write_text(json.dumps(spec))
    return path


def test_the_repository_model_matches_this_extractor():
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["format"] == FORMAT
    assert spec["features"] == list(FEATURES)
    assert spec["features_hash"] == features_hash()
    assert len(spec["coef"]) == len(FEATURES)


def test_one_person_of_the_pronouns_gender_is_left_to_the_rules(nlp):
    ex = _logging_extractor(nlp)
    result = ex.extract(
        "Mayor Jane Porter opened the new bridge on Monday.\n\n"
        "\u201cWe are ready for the traffic,\u201d she said."
    )
    assert _speaker_of(result, "ready for the traffic") == "Jane Porter"
    assert ex.person_log == []  # nothing to choose between: the model was not asked


def test_two_women_in_reach_are_a_choice_for_the_model(nlp):
    ex = _logging_extractor(nlp)
    result = ex.extract(
        "Mayor Jane Porter met Senator Ann Kirby in the town hall on Monday.\n\n"
        "\u201cWe will pay for the repairs,\u201d Porter said.\n\n"
        "\u201cThe town has waited long enough,\u201d she added."
    )
    assert _speaker_of(result, "waited long enough") == "Jane Porter"
    assert any(
        {"Jane Porter", "Ann Kirby"} <= set(cands) and not namesake
        for _pos, cands, _rows, _rule, namesake in ex.person_log
    )


def test_the_model_decides_where_it_disagrees_with_the_rules(nlp, tmp_path):
    # The rules give "she" to the one woman named in the quote-free sentence before (Kirby);
    # a model that only weighs "who spoke last" gives it to Porter: the model is in charge
    # of the choice, the rules' pick is one of its features.
    text = (
        "\u201cWe will pay for the repairs,\u201d Mayor Jane Porter said on Monday.\n\n"
        "Senator Ann Kirby visited the bridge on Tuesday.\n\n"
        "\u201cIt is a disgrace,\u201d she said."
    )
    coef = [0.0] * len(FEATURES)
    coef[FEATURES.index("spoke last")] = 1.0
    learned = Extractor(nlp, person_model=str(_write_model(tmp_path, coef)))
    rules = Extractor(nlp, person_model=None)
    assert _speaker_of(rules.extract(text), "a disgrace") == "Ann Kirby"
    assert _speaker_of(learned.extract(text), "a disgrace") == "Jane Porter"


def test_the_margin_keeps_the_rules_pick_when_the_model_barely_prefers_another():
    rows = [[1.0] + [0.0] * (len(FEATURES) - 1), [0.0, 1.0] + [0.0] * (len(FEATURES) - 2)]
    coef = [1.0, 1.5] + [0.0] * (len(FEATURES) - 2)
    assert PersonModel({"coef": coef, "margin": 1.0}, Path("-")).choose(rows, 0) == 0
    assert PersonModel({"coef": coef, "margin": 0.2}, Path("-")).choose(rows, 0) == 1


def test_namesakes_without_a_title_are_a_choice_for_the_model(nlp):
    ex = _logging_extractor(nlp)
    result = ex.extract(
        "Senator Ruth Calder toured the flooded farms on Monday. Her husband, former governor "
        "Owen Calder, stayed in the capital.\n\n"
        "Calder said the province would pay for the damage."
    )
    assert _speaker_of(result, "pay for the damage") == "Ruth Calder"
    assert any(namesake and set(cands) == {"Ruth Calder", "Owen Calder"}
               for _pos, cands, _rows, _rule, namesake in ex.person_log)


def test_a_gender_title_leaves_one_namesake_and_the_rules_decide(nlp):
    ex = _logging_extractor(nlp)
    result = ex.extract(
        "Senator Ruth Calder toured the flooded farms on Monday. Her husband, former governor "
        "Owen Calder, stayed in the capital.\n\n"
        "Mr. Calder said the province would pay for the damage."
    )
    assert _speaker_of(result, "pay for the damage") == "Owen Calder"
    assert not any(namesake for *_, namesake in ex.person_log)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (None, "is missing"),
        ({"format": "person-chooser/0"}, "of format 'person-chooser/0'"),
        ({"features_hash": "0" * 40}, "another feature list"),
        ({"coef": [1.0]}, "another feature list"),
    ],
)
def test_a_missing_or_other_version_model_file_stops_the_extractor(nlp, tmp_path, change, says):
    path = tmp_path / "gone.json"
    if change is not None:
        spec = {**json.loads(MODEL_PATH.read_text(encoding="utf-8")), **change}
        path = tmp_path / "other.json"
        path.write_text(json.dumps(spec))
    with pytest.raises(PersonModelError, match=says) as err:
        Extractor(nlp, person_model=str(path))
    assert str(path) in str(err.value) and REBUILD in str(err.value)


def test_the_command_stops_at_start_up_when_the_model_file_is_missing(tmp_path):
    missing = tmp_path / "gone.json"
    article = tmp_path / "a.txt"
    article.write_text('"We are ready," Mayor Jane Porter said.', encoding="utf-8")
    env = {**os.environ, "CLAIMS_PERSON_MODEL": str(missing)}
    for jobs in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "claims.extraction", "--jsonl", "--jobs", jobs,
             str(article), str(article)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""
        assert str(missing) in proc.stderr
        assert "scripts/train_person_model.py" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_manage_check_stops_on_a_person_model_file_that_is_missing_or_of_another_version(
    tmp_path,
):
    from tests.test_settings import KEYS

    env = {k: v for k, v in os.environ.items() if k not in KEYS}
    env.update(DJANGO_SETTINGS_MODULE="tracker.settings", VAR_DIR=str(tmp_path))
    old = tmp_path / "old.json"
    old.write_text(json.dumps({**json.loads(MODEL_PATH.read_text()), "format": "person-chooser/0"}))
    missing = tmp_path / "gone.json"
    for path, says in ((missing, "is missing"), (old, "is of format 'person-chooser/0'")):
        out = subprocess.run([sys.executable, "manage.py", "check"],
                             env={**env, "CLAIMS_PERSON_MODEL": str(path)},
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert out.returncode == 1
        assert "tracker.E003" in out.stderr and f"{path} {says}" in out.stderr
        assert REBUILD in out.stderr
    out = subprocess.run([sys.executable, "manage.py", "check"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr


def test_the_rebuild_command_trains_with_the_shipped_settings():
    """REBUILD runs the script with no flags: its defaults are how the shipped file was made."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import train_person_model
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    assert REBUILD.endswith("scripts/train_person_model.py")
    a = train_person_model.build_parser().parse_args([])
    assert a.pseudo is True
    assert a.margin == 0.5
    assert json.loads(MODEL_PATH.read_text())["margin"] == a.margin
    off = train_person_model.build_parser().parse_args(["--no-pseudo", "--margin", "0"])
    assert off.pseudo is False and off.margin == 0.0


def _sentences(text):
    import re

    return [m.span() for m in re.finditer(r"[^.]+\.", text)]


class _AlwaysFirst:
    """A model that always names its first candidate, whatever the rules picked."""

    def choose(self, rows, rule_k):
        return 0


def _resolver(text, people, model):
    from claims.extraction.coref import ArticleNames, SpeakerResolver

    names = ArticleNames()
    for name in people:
        names.add_person(name, text.index(name))
    names.mentions = [(text.index(n), n) for n in people]
    return SpeakerResolver(names, text=text, sentences=[(0, len(text))], quote_spans=[],
                           person_model=model)


def test_the_model_names_no_one_where_the_rules_found_no_one():
    """One-word "people" of unknown gender (NER's "Fiddler", "Ont") are no antecedent for
    "he" to the rules; the model may not bring them back, nor pick where the rules found no
    one."""
    text = "Fiddler and Ont were on the list. Later he was gone."
    for model in (_AlwaysFirst(), "default"):
        r = _resolver(text, ["Fiddler", "Ont"], model)
        assert r.resolve_pronoun("he", text.index("he was")) is None
    # a full name of unknown gender is a candidate, and the rules' pick stands
    text = "Tom Fiddler and Ont were on the list. Later he was gone."
    r = _resolver(text, ["Tom Fiddler", "Ont"], _AlwaysFirst())
    assert r.resolve_pronoun("he", text.index("he was")) == "Tom Fiddler"


def test_the_model_does_not_pick_where_the_rules_left_the_pronoun_unresolved():
    """Two men named in a sentence that was not parsed, after a woman spoke: the rules take
    no one for "he" (those names count only before anyone spoke), and the model's choice
    between the two is not taken either."""
    from claims.extraction.coref import ArticleNames, SpeakerResolver

    text = ("Jane Roe spoke. Tom Fiddler and Bob Ont were on the list. It rained. "
            "The bus was late. Later he was gone.")
    names = ArticleNames()
    names.add_person("Jane Roe", 0)
    names.gender.update({"Jane Roe": "f", "Tom Fiddler": "m", "Bob Ont": "m"})
    names.mentions = [(text.index(n), n) for n in ("Jane Roe", "Tom Fiddler", "Bob Ont")]
    r = SpeakerResolver(names, text=text, sentences=_sentences(text),
                        quote_spans=[], person_model=_AlwaysFirst(), person_log=[])
    r.note_speaker(0, "Jane Roe")
    assert r.resolve_pronoun("he", text.index("he was")) is None
    assert r.person_log  # the choice is still there for training
