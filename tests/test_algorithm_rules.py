"""One algorithm style, enforced (issue 16): parameter names come from class constants, and no algorithm
reaches into another algorithm module (helpers shared by several live in core/ or processing/base.py)."""

import ast
from pathlib import Path

import pytest

ALGORITHMS = Path(__file__).resolve().parent.parent / "municipal_gis" / "processing" / "algorithms"
MODULES = sorted(ALGORITHMS.glob("*.py")) + [ALGORITHMS.parent / "siting_base.py", ALGORITHMS.parent / "siting_inputs.py"]
# calls whose argument at this position is a parameter or output name
NAME_ARGUMENT = {"create_sink": 1, "date_parameter": 1, "moment_parameter": 1, "add_database_parameters": 1,
                 "database_from_parameters": 3}


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _literal(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def literal_parameter_names(source: str) -> list[tuple[int, str]]:
    """(line, name) of every parameter/output name written as a string literal where one is defined or read."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _called(node)
            if name.startswith(("QgsProcessingParameter", "QgsProcessingOutput")) and node.args \
                    and _literal(node.args[0]):
                found.append((node.lineno, node.args[0].value))
            found += [(node.lineno, k.value.value) for k in node.keywords
                      if k.arg == "parentLayerParameterName" and _literal(k.value)]
            position = 1 if name.startswith("parameterAs") else NAME_ARGUMENT.get(name)
            if position is not None and len(node.args) > position and _literal(node.args[position]):
                found.append((node.lineno, node.args[position].value))
            if (name == "get" and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "parameters" and node.args and _literal(node.args[0])):
                found.append((node.lineno, node.args[0].value))
        elif (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "parameters"
              and _literal(node.slice)):
            found.append((node.lineno, node.slice.value))
    return found


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_parameter_names_are_class_constants(path):
    found = literal_parameter_names(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: parameter names written as literals (use the class constants): {found}"


def test_the_scan_sees_literals():
    source = ('self.addParameter(QgsProcessingParameterNumber("SEED", "Seed"))\n'
              'x = self.parameterAsInt(parameters, "SEED", context)\n'
              'y = parameters.get("SEED")\nz = parameters["SEED"]\n'
              'sink, dest = self.create_sink(parameters, "OUTPUT", context, fields)\n'
              'ok = self.parameterAsInt(parameters, self.SEED, context)\n'
              'f = QgsProcessingParameterField(self.F, "F", parentLayerParameterName="INPUT")\n')
    assert sorted(line for line, _ in literal_parameter_names(source)) == [1, 2, 3, 4, 5, 7]


def test_every_parameter_and_output_has_its_class_constant(qgis_app, qgis_processing):
    from municipal_gis.processing.provider import algorithm_classes

    missing = []
    for cls in algorithm_classes():
        algorithm = cls()
        algorithm.initAlgorithm()
        names = [d.name() for d in algorithm.parameterDefinitions()] + [o.name() for o in algorithm.outputDefinitions()]
        for name in names:
            # a database block adds <NAME>_CONNECTION and <NAME>_SCHEMA (processing/database_params.py)
            block = name.rsplit("_", 1)[0] if name.endswith(("_CONNECTION", "_SCHEMA")) else None
            if getattr(cls, name, None) != name and not (block and getattr(cls, block, None) == block):
                missing.append(f"{cls.ALGORITHM_ID}.{name}")
    assert not missing


def test_no_optional_parameter_says_optional_twice(qgis_app, qgis_processing):
    """The Processing dialog adds «[optional]» to an optional parameter's label: a description saying
    «optional» too read «Streets, for the frontage: … (optional) [optional]» (desktop walk-through)."""
    from municipal_gis.processing.provider import algorithm_classes

    twice = []
    for cls in algorithm_classes():
        algorithm = cls()
        algorithm.initAlgorithm()
        for definition in algorithm.parameterDefinitions():
            if definition.flags() & definition.FlagOptional and "optional" in definition.description().lower():
                twice.append(f"{cls.ALGORITHM_ID}.{definition.name()}: {definition.description()}")
    assert not twice


def foreign_imports(path: Path, source: str) -> list[str]:
    """What an algorithm module takes from another algorithm module, other than its algorithm class (a subclass
    may extend it). Underscore modules here would be shared helpers by design."""
    package = "municipal_gis.processing.algorithms"
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = f"{package}.{node.module or ''}".rstrip(".") if node.level else node.module or ""
            if module == package:  # from municipal_gis.processing.algorithms import x
                found += [alias.name for alias in node.names if not alias.name.startswith("_")
                          and alias.name != path.stem]
                continue
            if not module.startswith(package + "."):
                continue
            other = module[len(package) + 1:]
            if other == path.stem or other.startswith("_"):
                continue
            found += [f"{other}.{alias.name}" for alias in node.names
                      if alias.name.startswith("_") or not alias.name[:1].isupper() or alias.name.isupper()]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith(package + ".")
                      and not alias.name[len(package) + 1:].startswith("_")]
    return found


@pytest.mark.parametrize("path", MODULES, ids=[p.stem for p in MODULES])
def test_no_algorithm_takes_another_algorithms_helpers(path):
    found = foreign_imports(path, path.read_text(encoding="utf-8"))
    assert not found, (f"{path.name} imports {found} from other algorithms: move what they share to core/ "
                       "(pure) or processing/ (base.py, siting_inputs.py)")


def test_the_import_scan_sees_helpers():
    here = ALGORITHMS / "playground_siting.py"
    source = ("from municipal_gis.processing.algorithms.service_coverage import _ids, read_points, ServiceCoverage\n"
              "from .lease_status import parse_date\n"
              "from municipal_gis.processing.algorithms.lease_status import MAX_X\n"
              "from municipal_gis.processing.algorithms._certificate_pdf import render\n"
              "import municipal_gis.processing.algorithms.service_coverage\n")
    assert foreign_imports(here, source) == ["service_coverage._ids", "service_coverage.read_points",
                                             "lease_status.parse_date", "lease_status.MAX_X",
                                             "municipal_gis.processing.algorithms.service_coverage"]
