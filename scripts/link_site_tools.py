"""Put the repository on the virtual environment's import path, so MkDocs hooks (loaded by
file path) can import site_tools without packaging it."""
import site
import sys
from pathlib import Path

repo = Path(__file__).resolve().parent.parent
target = Path(site.getsitepackages()[0]) / "ml_interview_kb.pth"
target.write_text(f"{repo}\n", encoding="utf-8")
print(f"{target} -> {repo}", file=sys.stderr)
