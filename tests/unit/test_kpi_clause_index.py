"""The clause index of the evidence pack (issue #20.5) is generated, not written: the standard's
clause list is parsed from its text, and a module's citations are found in its docstrings and
comments, attributed to the function they sit in; numbers the standard lacks are not clauses."""

from __future__ import annotations

from app.kpis.clause_index import cite_module
from app.kpis.clause_index_clauses import CLAUSES
from app.kpis.clause_index_standard import parse_clauses

STANDARD = """目次
4.1 接待服务\t3
4 服务要求**4.1 接待服务****4.1.1 网络服务**
4.1.1.1 经销商应配备并使用基于互联网应用环境的信息化经营管理软件系统，网络服务应24小时在线。
- 4.2.4 试乘试驾**
- 4.2.4.3 应公示试乘试驾的路线
3.11 合同履约率
5.2.1 组织应建立包涵了服务要求的管理目标，包括但不限于：
"""

MODULE = '''"""Routes (T/CSCA 120031 4.2.4.3) and the old 5.3 rule, which the standard does not have."""


def list_routes():
    """The routes in force."""
    # 4.2.4.8: the fleet register too; see also 4.2.4.9 (no such clause)
    return []


class Drive:
    def start(self):
        """4.2.4.4: an escort of three years."""
'''


def test_the_clause_list_is_parsed_from_the_standards_text():
    clauses = dict(parse_clauses(STANDARD))
    assert list(clauses) == ["4.1", "4.1.1", "4.1.1.1", "4.2.4", "4.2.4.3", "5.2.1"]  # chapters 4-5 only
    assert clauses["4.1"] == "接待服务" and clauses["4.2.4"] == "试乘试驾"  # no page number, no "**"
    assert clauses["4.1.1.1"].endswith("…") and len(clauses["4.1.1.1"]) == 41


def test_the_generated_list_holds_the_clauses_the_pack_cites():
    numbers = dict(CLAUSES)
    assert {"4.2.4", "4.2.4.3", "4.4.1", "4.4.1.4", "4.5.2.1", "5.2.1", "5.2.8"} <= numbers.keys()
    assert "5.3" not in numbers and "4.2.4.9" not in numbers


def test_citations_are_found_in_docstrings_and_comments_with_their_function():
    found = {(c.clause, c.function) for c in cite_module(MODULE, "app/test_drives/x.py", "test_drives")}
    assert found == {("4.2.4.3", ""), ("4.2.4.8", "list_routes"), ("4.2.4.4", "Drive.start")}
