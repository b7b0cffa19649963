"""``python -m claims.extraction [--jsonl] [--date YYYY-MM-DD] [--jobs N] FILE...``"""

from .cli import main

raise SystemExit(main())
