"""Apache Jena's `riot` from Debian's libapache-jena-java, made runnable.

Debian ships Jena's jars without the `riot` script, and moved Jena's shaded Xerces classes to the
package `xerces.*` while leaving their message resources under `org/apache/jena/ext/xerces/`, so
`XSDDatatype` fails with "internal error" (NOTES.md). A small jar with those resources copied to
`xerces/` fixes that; one slf4j binding (nop) keeps the log quiet.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
_JARS = ("jena-*", "commons-*", "dexx.collection", "gson", "guava", "httpclient", "httpclient-cache", "httpcore", "jackson-*",
         "jakarta.json-api", "jsonld-java", "slf4j-api", "slf4j-nop", "titanium-json-ld", "protobuf", "thrift", "caffeine")


def jena_classpath(work_dir: Path) -> str:
    """The classpath for Jena's command-line classes, with the resource fix jar in `work_dir`."""
    core = JAVA_DIR / "jena-core.jar"
    assert core.exists(), "Apache Jena is missing: run 'make system-packages' (Debian's libapache-jena-java)"
    fix = work_dir / "jena-xerces-resources.jar"
    if not fix.exists():
        prefix = "org/apache/jena/ext/xerces/"
        with zipfile.ZipFile(core) as source, zipfile.ZipFile(fix, "w") as target:
            for name in source.namelist():
                if name.startswith(prefix) and not name.endswith((".class", "/")):
                    target.writestr("xerces/" + name[len(prefix):], source.read(name))
    jars = sorted({jar for pattern in _JARS for jar in JAVA_DIR.glob(f"{pattern}.jar") if not any(c.isdigit() for c in jar.stem.split("-")[-1][:1])})
    return ":".join([*map(str, jars), str(fix)])


def riot_validate(files: list[Path], work_dir: Path, syntax: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `riot --validate` on `files`; returncode 0 means Jena found every file valid.

    `syntax` forces a parser: Debian has no Jakarta JSON implementation for Jena's JSON-LD 1.1
    parser (Titanium), so JSON-LD files are read with `jsonld10` (jsonld-java).
    """
    forced = [f"--syntax={syntax}"] if syntax else []
    command = ["java", "-cp", jena_classpath(work_dir), "riotcmd.riot", *forced, "--validate", *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)
