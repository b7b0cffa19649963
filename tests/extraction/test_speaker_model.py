"""The learned speaker-mention ranker (issue 21): its file, its bad input, and what it changes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import Extractor, ModelNotInstalled
from claims.extraction.speaker_features import FEATURES, features_hash
from claims.extraction.speaker_model import (
    FORMAT,
    MODEL_PATH,
    REBUILD,
    UNSCORED_NOTE,
    SpeakerModel,
    SpeakerModelError,
    load_speaker_model,
)

ROOT = Path(__file__).resolve().parents[2]


def test_the_repository_model_matches_this_extractor():
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert spec["format"] == FORMAT
    assert spec["features"] == list(FEATURES)
    assert spec["features_hash"] == features_hash()
    assert MODEL_PATH.stat().st_size < 1_000_000  # a small file, reviewed like code
    assert load_speaker_model().kind in ("trees", "logistic")


def test_a_missing_model_file_is_an_error_naming_it_and_the_rebuild_command(nlp, tmp_path):
    missing = tmp_path / "speaker_model.json"
    with pytest.raises(SpeakerModelError) as err:
        Extractor(nlp, speaker_model=str(missing))
    assert str(missing) in str(err.value)
    assert "missing" in str(err.value)
    assert REBUILD in str(err.value)
    assert "scripts/train_speaker_model.py" in REBUILD
    # the same command as the data card and the README, pinned by constraints.txt
    assert "-r requirements-train.txt -c constraints.txt" in REBUILD
    card = (MODEL_PATH.parent / "speaker_model.md").read_text(encoding="utf-8")
    assert "-r requirements-train.txt -c constraints.txt" in " ".join(card.split())
    # reported like a missing spaCy model by every caller (the command exits with 2)
    assert isinstance(err.value, ModelNotInstalled)


def test_a_model_of_another_format_or_feature_list_is_refused(nlp, tmp_path):
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    old = tmp_path / "old_format.json"
    old.write_text(json.dumps({**spec, "format": "speaker-ranker/0"}))
    with pytest.raises(SpeakerModelError, match="format 'speaker-ranker/0'") as err:
        Extractor(nlp, speaker_model=str(old))
    assert str(old) in str(err.value) and REBUILD in str(err.value)
    other = tmp_path / "other_features.json"
    other.write_text(json.dumps({**spec, "features_hash": "0" * 16}))
    with pytest.raises(SpeakerModelError, match="another feature list") as err:
        Extractor(nlp, speaker_model=str(other))
    assert str(other) in str(err.value)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ')
    with pytest.raises(SpeakerModelError, match="cannot be read"):
        Extractor(nlp, speaker_model=str(broken))


def test_the_command_stops_at_start_up_when_the_model_file_is_missing(tmp_path):
    missing = tmp_path / "gone.json"
    article = tmp_path / "a.txt"
    article.write_text('"We are ready," Mayor Jane Porter said.', encoding="utf-8")
    env = {**os.environ, "CLAIMS_SPEAKER_MODEL": str(missing)}
    for jobs in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "claims.extraction", "--jsonl", "--jobs", jobs,
             str(article), str(article)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 2, proc.stderr
        assert proc.stdout == ""  # nothing extracted by the rules in silence
        assert str(missing) in proc.stderr
        assert "scripts/train_speaker_model.py" in proc.stderr
        assert "Traceback" not in proc.stderr


def test_an_article_the_model_cannot_score_is_extracted_by_the_rules_and_says_so(extractor):
    # Label lines are matched without parsing: nothing in this article is parsed, so no cue
    # has candidates to score.  The statement is still extracted, by the rules.
    text = "Bill Clinton: Hillary will win the election in November."
    result = extractor.extract(text)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("Hillary will win the election in November.", "Bill Clinton")
    ]
    assert result.note == UNSCORED_NOTE
    assert "rules" in result.note
    # an article that was parsed carries no such note
    parsed = extractor.extract('"We are ready," Mayor Jane Porter said on Tuesday.')
    assert parsed.note is None and parsed.quotes


def test_the_unscored_note_reaches_the_command_line(tmp_path):
    article = tmp_path / "labels.txt"
    article.write_text("Bill Clinton: Hillary will win the election in November.\n",
                       encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "claims.extraction", "--jsonl", str(article)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["speaker"] == "Bill Clinton"
    assert f"{article}: {UNSCORED_NOTE}" in proc.stderr


def test_training_mode_keeps_the_rules_choice_and_logs_the_candidates(nlp):
    rules = Extractor(nlp, speaker_model=None)
    rules.speaker_log = []
    text = "Senator Mary Holt told reporters on Monday that the bill would pass."
    quotes = rules.extract(text).quotes
    assert [q.speaker_mention.text for q in quotes] == ["Senator Mary Holt"]
    (cue_s, cue_e, spans, rows, rule_k) = rules.speaker_log[0]
    assert text[cue_s:cue_e] == "told"
    assert [text[a:b] for a, b in spans][rule_k] == "Senator Mary Holt"
    assert "reporters" in [text[a:b] for a, b in spans]
    assert all(len(r) == len(FEATURES) for r in rows)


def test_the_ranker_takes_the_name_an_apposition_gives_over_its_description(nlp, extract):
    # The rules keep the phrase the parser made the subject ("Her spokesman"); the ranker,
    # trained on annotated sources, names the person the apposition gives.  The speaker was
    # resolved to the name either way: the mention is what an editor sees as the source.
    text = "Her spokesman, Tom Reid, said the minister would not resign."
    rules = Extractor(nlp, speaker_model=None).extract(text).quotes
    assert [(q.speaker_mention.text, q.speaker) for q in rules] == [("Her spokesman", "Tom Reid")]
    assert [(q.speaker_mention.text, q.speaker) for q in extract(text)] == [
        ("Tom Reid", "Tom Reid")
    ]
    text = "Clinton's running mate, Tim Kaine, told supporters that the election would be close."
    assert [(q.speaker_mention.text, q.speaker) for q in extract(text)] == [
        ("Tim Kaine", "Tim Kaine")
    ]


def test_a_relative_clause_keeps_the_antecedent_the_rules_find(extract):
    quotes = extract("The senator rebuked critics who argue that the new law is unfair.")
    assert [(q.text, q.speaker_mention.text) for q in quotes] == [
        ("the new law is unfair", "critics")
    ]


def test_a_quote_that_continues_a_speaker_carries_the_words_that_named_them(extract):
    text = (
        '"We will not back down," Mayor Jane Roe said on Friday. '
        '"The vote stands and the money is spent."'
    )
    quotes = extract(text)
    assert [(q.text, q.speaker, q.speaker_mention.text) for q in quotes] == [
        ('"We will not back down,"', "Jane Roe", "Mayor Jane Roe"),
        ('"The vote stands and the money is spent."', "Jane Roe", "Mayor Jane Roe"),
    ]
    first, second = quotes
    assert second.speaker_mention == first.speaker_mention
    assert text[second.speaker_mention.start : second.speaker_mention.end] == "Mayor Jane Roe"


def test_a_quote_after_a_sentence_naming_its_speaker_carries_that_name_as_its_mention(extract):
    text = (
        "Mayor Jane Smith toured the flooded streets on Friday with her staff. "
        '"We are angry and we will be heard by the council."'
    )
    (quote,) = extract(text)
    assert quote.speaker == "Jane Smith"
    assert quote.speaker_mention.text == "Mayor Jane Smith"
    assert text[quote.speaker_mention.start : quote.speaker_mention.end] == "Mayor Jane Smith"


def test_the_compiled_trees_score_every_row_exactly_as_the_tree_walk():
    # The trees run as generated code for speed; a score that differed in the last bit could
    # change which candidate wins a tie, so equality is exact, on rows that sit on, just
    # under and just over the model's own thresholds as well as on random ones.
    import random

    model = load_speaker_model()
    assert model.kind == "trees" and "score" in vars(model)  # the compiled one is in use
    thresholds = sorted({t for tree in model.trees for t in tree[1] if t != -2.0})
    rng = random.Random(21)
    rows = []
    for _ in range(3000):
        row = []
        for _f in FEATURES:
            t = rng.choice(thresholds)
            row.append(rng.choice((t, t - 1e-9, t + 1e-9, rng.uniform(-5, 50), 0.0, 1.0)))
        rows.append(row)
    walked = [SpeakerModel.score(model, row) for row in rows]
    assert [model.score(row) for row in rows] == walked
    assert len(set(walked)) > 100  # the rows reach many leaves, not one path
    # and so do the trees walked as arrays, all rows at once, a few rows, one row
    assert model._arrays is not None
    assert model.scores(rows) == walked
    assert model.scores(rows[:7]) == walked[:7]
    assert model.scores(rows[:1]) == walked[:1]
    assert model.scores([]) == []


def test_a_tree_that_is_not_plain_numbers_is_walked_not_compiled(tmp_path):
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    spec["trees"][0][1][0] = "0.5); import os; (0"
    model = SpeakerModel(spec, tmp_path / "odd.json")
    assert "score" not in vars(model)
    assert model._arrays is None  # nor walked as arrays: scores() walks each row
    # a tree whose root is its own child: the generator must give up, not recurse for ever
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    spec["trees"][0][2][0] = 0
    cycle = SpeakerModel(spec, tmp_path / "cycle.json")
    assert "score" not in vars(cycle) and cycle._arrays is None
