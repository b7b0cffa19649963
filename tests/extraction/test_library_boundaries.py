"""The extraction library stands alone: no Django, plain data out, a lazily loaded API."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_and_using_the_library_loads_no_django():
    code = (
        "import sys\n"
        "import claims.extraction as ce\n"
        "from claims.extraction import batch, cli, furniture, language, pipeline, registry\n"
        "assert ce.EXTRACTOR_VERSION\n"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], "
        "sorted(m for m in sys.modules if m.startswith('django'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_furniture_and_language_do_not_import_spacy():
    code = (
        "import sys\n"
        "from claims.extraction.furniture import strip_furniture\n"
        "from claims.extraction.language import detect_language\n"
        "detect_language('The minister said the rules would change in May this year.')\n"
        "assert 'spacy' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_a_missing_model_is_a_clear_error_naming_the_package():
    from claims.extraction.model import ModelNotInstalled, _installed

    assert not _installed("no_such_model_package_xyz")
    code = (
        "import claims.extraction.model as m\n"
        "m._installed = lambda name: False\n"
        "try:\n"
        "    m.load_nlp('no_such_model')\n"
        "except m.ModelNotInstalled as e:\n"
        "    print(e)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "pip install" in proc.stdout
    assert issubclass(ModelNotInstalled, RuntimeError)


def test_results_are_plain_data(extractor):
    import pickle

    result = extractor.extract("Mayor Jane Porter said that the new line would open in 2027.")
    assert pickle.loads(pickle.dumps(result)) == result
