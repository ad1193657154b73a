"""Wheels of Debian's installed Python packages, for a virtual environment that has exactly what a
requirements file names: `pip install --no-index --find-links DIR -r FILE` then resolves the
file's names and their dependencies as it would from PyPI, from these wheels alone.

    /usr/bin/python3 .ci/debian-wheels.py OUT_DIR REQUIREMENTS_FILE

Each wheel holds the files dpkg lists for the Debian package that installed the distribution,
under dist-packages/, and metadata in the wheel's own form. Debian strips the dependencies from
its packages' Python metadata (Flask's no longer names Werkzeug) and keeps them in the package's
Depends: each wheel's Requires-Dist names the distributions of the python3-* packages it depends
on, so pip resolves the same dependencies, from Debian's own graph. pip writes the console scripts (gunicorn, pytest)
from entry_points.txt into the environment's bin/, with its own Python on the #! line.
Also writes OUT_DIR/constraints.txt, every wheel pinned, OUT_DIR/constraint-files, the -c files
the requirements include, and prints what it built beside what those pin. Run it with
the Python whose dist-packages it reads: the wheels are for that interpreter.
"""

import base64
import hashlib
import importlib.metadata
import re
import subprocess
import sys
import sysconfig
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def requirement_names(file: Path, constraints: list[Path]) -> list[str]:
    """The names a requirements file asks for, following -r as pip does; adds its -c files."""
    names = []
    for raw in file.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        include = re.match(r"(?:-r|--requirement)\s+(\S+)", line)
        constrain = re.match(r"(?:-c|--constraint)\s+(\S+)", line)
        if include:
            names += requirement_names(file.parent / include[1], constraints)
        elif constrain:
            constraints.append(file.parent / constrain[1])
        elif line and not line.startswith("-"):
            names.append(Requirement(line).name)
    return names


def debian_files(dist: importlib.metadata.Distribution) -> tuple[str, Path, list[Path]]:
    """The Debian package that installed a distribution, its site folder and its files there."""
    meta = Path(dist._path)  # type: ignore[attr-defined]
    owner = subprocess.run(["dpkg", "-S", str(meta)], capture_output=True, text=True)
    if owner.returncode != 0:
        sys.exit(f"{dist.metadata['Name']} ({meta}) was not installed by a Debian package.")
    package = owner.stdout.split(":", 1)[0]
    listed = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True)
    site = meta.parent
    files = [
        Path(line)
        for line in listed.stdout.splitlines()
        if line.startswith(f"{site}/")
        and Path(line).is_file()
        and "__pycache__" not in line
        and not line.startswith(f"{meta}/")
    ]
    return package, site, files


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def debian_dependencies(package: str) -> list[str]:
    """The Python distributions of the python3-* packages a Debian package depends on."""
    depends = subprocess.run(
        ["dpkg-query", "-W", "-f=${Depends}", package], capture_output=True, text=True, check=True
    ).stdout
    names = []
    for group in filter(None, (g.strip() for g in depends.split(","))):
        alternatives = [re.sub(r"[ (:].*", "", a.strip()) for a in group.split("|")]
        # "python3-tomli | python3 (>> 3.11)": the interpreter provides it.
        if "python3" in alternatives:
            continue
        for alternative in alternatives:
            if not alternative.startswith("python3-"):
                continue
            listed = subprocess.run(["dpkg", "-L", alternative], capture_output=True, text=True)
            metadata = [
                line
                for line in listed.stdout.splitlines()
                if re.fullmatch(r"/usr/lib/python3/dist-packages/[^/]+\.(dist|egg)-info", line)
            ]
            if listed.returncode == 0:
                names += [
                    importlib.metadata.Distribution.at(path).metadata["Name"] for path in metadata
                ]
                break
    return names


def build(dist: importlib.metadata.Distribution, out: Path) -> tuple[str, Path, list[str]]:
    package, site, files = debian_files(dist)
    name, version = dist.metadata["Name"], dist.version
    metadata = Parser().parsestr(dist.read_text("METADATA") or dist.read_text("PKG-INFO") or "")
    declared = {normalize(Requirement(r).name) for r in metadata.get_all("Requires-Dist") or []}
    needs = [n for n in debian_dependencies(package) if normalize(n) != normalize(name)]
    for need in needs:
        if normalize(need) not in declared:
            metadata["Requires-Dist"] = need
    binary = any(path.suffix == ".so" for path in files)
    interpreter = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = re.sub(r"[-.]", "_", sysconfig.get_platform())
    tag = f"{interpreter}-{interpreter}-{platform}" if binary else "py3-none-any"
    info = f"{normalize(name)}-{version}.dist-info"
    entries = {str(path.relative_to(site)): path.read_bytes() for path in files}
    entries[f"{info}/METADATA"] = metadata.as_string().encode()
    entries[f"{info}/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: submission-kit .ci/debian-wheels.py\n"
        f"Root-Is-Purelib: {'false' if binary else 'true'}\nTag: {tag}\n"
    ).encode()
    entry_points = dist.read_text("entry_points.txt")
    if entry_points:
        entries[f"{info}/entry_points.txt"] = entry_points.encode()
    wheel = out / f"{normalize(name)}-{version}-{tag}.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
        record = [record_line(entry, data) for entry, data in entries.items()]
        archive.writestr(f"{info}/RECORD", "\n".join([*record, f"{info}/RECORD,,", ""]))
    return package, wheel, needs


def main() -> None:
    out, requirements = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    constraints: list[Path] = []
    wanted = requirement_names(requirements, constraints)
    built: dict[str, str] = {}
    while wanted:
        name = wanted.pop()
        if normalize(name) in built:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            sys.exit(f"{name} is not installed from Debian: apt-get install the package that has it.")
        package, wheel, needs = build(dist, out)
        built[normalize(name)] = f"{dist.metadata['Name']}=={dist.version}"
        print(f"{wheel.name}  (Debian's {package})")
        wanted += needs
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(requirement.name)
    (out / "constraints.txt").write_text("\n".join(sorted(built.values(), key=str.lower)) + "\n")
    (out / "constraint-files").write_text("".join(f"{path}\n" for path in constraints))
    for path in constraints:
        print(f"{path} pins, and what stands in for them here:")
        for line in path.read_text().splitlines():
            pin = re.match(r"([\w.-]+)==(\S+)", line)
            if pin:
                here = built.get(normalize(pin[1]), "(none: Debian's do not need it)").split("==")[-1]
                print(f"  {pin[1]:14} {pin[2]:10} {here}")


if __name__ == "__main__":
    main()
