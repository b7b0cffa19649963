"""`manage.py extract`: the same records as the library, errors per file, exit status."""

import json

import pytest
from django.core.management import CommandError, call_command


def test_it_prints_one_json_record_per_quote(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Governor Lisa Chen said that the plan would be withdrawn.", "utf-8")
    call_command("extract", "--jsonl", str(path))
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line) == {
        "file": str(path),
        "start": 29,
        "end": 56,
        "text": "the plan would be withdrawn",
        "kind": "indirect",
        "cue": "said",
        "speaker": "Lisa Chen",
        "speaker_mention": {"start": 0, "end": 18, "text": "Governor Lisa Chen"},
    }


def test_it_prints_a_table_and_fails_on_unreadable_files(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("“We are ready,” said coach Maria Lopez.", "utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("extract", str(good), str(tmp_path / "missing.txt"))
    assert exc.value.returncode == 1
    out, err = capsys.readouterr()
    assert "Maria Lopez" in out and "direct" in out
    assert "missing.txt: error: cannot read file" in err


def test_a_bad_date_is_a_usage_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("text", "utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("extract", "--date", "yesterday", str(path))
    assert exc.value.returncode == 2
