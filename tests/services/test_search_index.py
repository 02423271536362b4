"""Customer search through the index (issue 17) and pinyin search (issue 16).

The index (FTS5 trigram on SQLite, migration 0010) must answer exactly what the LIKE search
over the same columns answers, for any names and any typed text, and stay in step after
inserts, edits, imports, re-imports, a backup restored and the demo's bulk inserts; a pinyin
("wang") or initials ("zs") search finds people and customers by their Chinese names.
"""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, text

from desktop.models.customers import Contact, Customer
from desktop.models.staff import Employee
from desktop.pinyin import romanize
from desktop.services import customers, listing, maintenance, search_index, staff
from desktop.services.customers.dtos import ContactInput, CustomerInput
from desktop.services.customers.listing import CUSTOMERS
from desktop.services.demo import generate_demo
from desktop.services.imports import run_import
from desktop.services.staff import EmployeeInput
from tests.conftest import on_postgresql

#: The same list with the LIKE search alone: what the search answered before the index.
LIKE_ONLY = dataclasses.replace(CUSTOMERS, search=dataclasses.replace(CUSTOMERS.search, index=None))

STAFF_CSV = (
    "工号,姓名,分公司,部门,岗位,入职日期,状态,是否销售\n"
    "E001,张三,上海,销售部,销售经理,2015/3/1,在职,是\n"
    "E002,王芳,上海,销售部,销售代表,2019-07-15,在职,是\n"
    "E003,Anna Li,广州,财务部,财务专员,2020-01-06,在职,否\n"
)


def found(ctx, term: str, spec=CUSTOMERS) -> set[str]:
    return {r.code for r in listing.list_rows(ctx, spec, 0, 10_000, term)}


def add_customer(ctx, code: str, name: str, **more) -> int:
    changes = customers.create_customer(ctx, CustomerInput(code=code, name=name, **more))
    return next(iter(changes.ids))


def fts_rows(ctx) -> dict[int, str]:
    with ctx.read() as s:
        return {r[0]: r[1] for r in s.execute(text("SELECT rowid, doc FROM customer_fts"))}


def expected_rows(ctx) -> dict[int, str]:
    """What the index should hold, rebuilt here from the tables themselves."""
    with ctx.read() as s:
        contacts: dict[int, str] = {}
        for cid, name, phone in s.execute(
            select(Contact.customer_id, Contact.name, Contact.phone).order_by(Contact.id)
        ):
            contacts[cid] = contacts.get(cid, "") + f"\x1f{name or ''}\x1f{phone or ''}"
        out = {}
        for c in s.scalars(select(Customer)):
            assert (c.name_pinyin, c.name_initials) == romanize(c.name), c.name
            fields = (c.code, c.name, c.credit_code, c.region, c.industry)
            fields += (c.name_pinyin, c.name_initials)
            doc = "".join(f"\x1f{f or ''}" for f in fields) + contacts.get(c.id, "")
            out[c.id] = search_index.folded(doc + "\x1f\x1f")  # ends with two (0017)
        return out


def assert_in_step(ctx) -> None:
    assert fts_rows(ctx) == expected_rows(ctx)
    with ctx.transaction() as s:  # FTS5's own check of its index against its content
        s.execute(
            text("INSERT INTO customer_fts(customer_fts, rank) VALUES ('integrity-check', 1)")
        )


# --------------------------------------------------------------------------- the property

#: Chinese, Latin in both cases (and "É", "é" and the Kelvin sign, which FTS5 folds but LIKE
#: does not), digits, LIKE's and FTS5's special characters.
ALPHABET = "王张三李四物流有限公司顺达上海深圳汪ABCabcxyzXYZÉé\u212a0123456789 %_-\"'*"
field = st.text(ALPHABET, min_size=1, max_size=10)
maybe = st.one_of(st.none(), field)
customer = st.fixed_dictionaries(
    {
        "name": field,
        "region": maybe,
        "industry": maybe,
        "credit_code": st.one_of(st.none(), st.text("0123456789ABCX", min_size=1, max_size=18)),
        "contacts": st.lists(st.tuples(field, maybe), max_size=2),
    }
)
_codes = itertools.count(1)


def _insert(ctx, batch: list[dict]) -> None:
    """Straight through the ORM (the triggers and the name listener, no form rules), so the
    names can be anything the alphabet makes."""
    with ctx.transaction() as s:
        for row in batch:
            n = next(_codes)
            c = Customer(
                code=f"P{n:05d}",
                name=row["name"],
                region=row["region"],
                industry=row["industry"],
                credit_code=None if row["credit_code"] is None else f"{row['credit_code']}#{n}",
            )
            s.add(c)
            s.flush()
            for name, phone in row["contacts"]:
                s.add(Contact(customer_id=c.id, name=name, phone=phone))


@pytest.mark.sqlcipher("the FTS5 index is the SQLCipher vault's; PostgreSQL has pg_trgm")
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), batch=st.lists(customer, min_size=1, max_size=5))
def test_the_index_answers_exactly_what_the_like_search_answered(admin, monkeypatch, data, batch):
    _insert(admin, batch)
    # Any of the ways to a page: the index's finds sorted, the walk of the sort order among
    # them, the walk testing every customer (the thresholds low enough for a few customers).
    for name, low, high in (("RARE", 1, 150), ("COMMON", 3, 12_000), ("COMMON_SHORT", 3, 2000)):
        monkeypatch.setattr(search_index, name, data.draw(st.sampled_from([low, high]), name))
    # Edit one of the customers now and then: a new name and region, a contact gone.
    if data.draw(st.booleans(), label="edit"):
        with admin.transaction() as s:
            c = s.scalars(select(Customer).order_by(Customer.id.desc())).first()
            c.name = data.draw(field, label="new name")
            c.region = data.draw(maybe, label="new region")
            s.execute(delete(Contact).where(Contact.customer_id == c.id))
    row = data.draw(st.sampled_from(batch), label="row")
    # Any field: the last contact's phone (or, without contacts, the initials) ends the text.
    pieces = [row["name"], row["region"] or "", row["industry"] or "", row["credit_code"] or ""]
    pieces += [p or "" for contact in row["contacts"] for p in contact]
    pieces += [p or "" for p in romanize(row["name"])]
    source = data.draw(st.sampled_from([p for p in pieces if p] or ["物流"]), label="source")
    start = data.draw(st.integers(0, max(len(source) - 1, 0)), label="start")
    size = data.draw(st.integers(1, 6), label="size")
    typed = [
        source[start : start + size],
        source[start : start + size].swapcase(),
        source[-2:],  # the end of a field (or of the whole text): one or two characters
        source[:2].upper(),
        data.draw(st.text(ALPHABET, min_size=1, max_size=6), label="random"),
        data.draw(st.text(ALPHABET, min_size=1, max_size=2), label="short"),
    ]
    for term in typed:
        if not term.strip():
            continue
        assert found(admin, term) == found(admin, term, LIKE_ONLY), term
        assert customers.count_customers(admin, term) == listing.count_rows(admin, LIKE_ONLY, term)


@pytest.mark.sqlcipher("the FTS5 index is the SQLCipher vault's")
def test_a_common_text_walks_the_sort_order_with_the_same_answer(admin, monkeypatch):
    """A text the index finds in many customers pages by walking the sort order, testing
    each customer's search text (common) or only those among the index's finds (neither
    common nor rare); its pages, in order, are the LIKE search's."""
    monkeypatch.setattr(search_index, "COMMON", 6)
    monkeypatch.setattr(search_index, "COMMON_SHORT", 6)
    monkeypatch.setattr(search_index, "RARE", 2)
    for n in range(12):
        name = ("顺达物流" if n % 3 else "恒通快运") + f"{n:02d}号"
        add_customer(admin, f"K{(n * 7) % 12:02d}", name, region="上海市" if n % 2 else "广州市")

    def walk(term: str, by=Customer.code) -> str:
        with admin.read() as s:
            found = search_index.customers_walk(s, term, by)
        return "index" if found is None else "among finds" if "IN" in str(found) else "each"

    assert walk("顺达物") == "each"  # 8 found: common
    assert walk("恒通快") == "among finds"  # 4
    assert walk("05号") == "index"  # 1 found: rare
    assert walk("号") == "each"  # in 12 (the trigrams "号\x1f…")
    assert walk("恒通") == "among finds"  # in 4 ("恒通快")
    assert walk("5号") == "index"  # in 1 ("5号\x1f")
    assert walk("恒通", Customer.name) == "among finds"  # the sorts an index follows
    assert walk("号", Customer.region) == "each"
    assert walk("顺达物", Customer.tier) == walk("号", None) == "index"  # no index to walk
    for term in ("顺达物", "shunda", "上海市", "号", "k0", "05号", "wl", "恒通快", "恒通", "5号"):
        for sort in ("code", "name", "region", "tier", "owner"):
            for offset in (0, 3):
                pages = [
                    [r.code for r in listing.list_rows(admin, spec, offset, 4, term, sort)]
                    for spec in (CUSTOMERS, LIKE_ONLY)
                ]
                assert pages[0] == pages[1], (term, sort, offset)


@pytest.mark.sqlcipher("the FTS5 index is the SQLCipher vault's")
def test_one_or_two_characters_are_answered_by_the_trigrams_that_start_with_them(admin):
    """A rare text of one or two characters is looked up through the index's trigrams that
    start with it (not by testing every customer in turn): found at the start, middle and end
    of a field and at the very end of the search text, Latin in any case, digits; the answer
    is the LIKE search's. A text whose case FTS5 folds beyond ASCII ("É") is not looked up
    that way, and still answered exactly."""
    add_customer(
        admin,
        "Q1",
        "弘德医药有限公司",
        region="上海市",
        contacts=(ContactInput(name="赵强", phone="13800001178"),),
    )
    add_customer(admin, "Q2", "Émile Trading", region="Lyon")
    add_customer(admin, "Q3", "东立服装", industry="服装")  # no contacts: initials end the text
    add_customer(admin, "Q4", "\u212aelvin Co")  # the Kelvin sign, which FTS5 folds to "k"
    texts = {
        "弘德": {"Q1"},  # start of a field
        "德医": {"Q1"},  # middle
        "公司": {"Q1"},  # end of a field
        "78": {"Q1"},  # the very end of the search text (the last contact's phone)
        "8": {"Q1"},
        "dlfz": {"Q3"},
        "fz": {"Q3"},  # the very end: initials, no contacts
        "z": {"Q3"},
        "TR": {"Q2"},  # upper case typed, lower case held
        "q": {"Q1", "Q2", "Q3", "Q4"},  # the codes
        "q3": {"Q3"},
        "ÉM": {"Q2"},
        "ém": set(),  # LIKE folds ASCII only
        "k": set(),  # LIKE does not take the Kelvin sign for "k"
        "ke": set(),
        "vi": {"Q4"},
        "上": {"Q1"},
        "市": {"Q1"},
    }
    with admin.read() as s:
        assert search_index._trigrams_starting(s, "弘德") == (["弘德医"], 1)
        assert search_index._trigrams_starting(s, "78") == (["78\x1f"], 1)
        assert search_index._trigrams_starting(s, "fz") == (["fz\x1f"], 1)
        assert search_index._trigrams_starting(s, "xq") == ([], 0)  # nobody: no trigram
        # FTS5 folds the Kelvin sign: a candidate that the check of the text turns away.
        assert search_index._trigrams_starting(s, "ke") == (["kel"], 1)
        assert search_index._trigrams_starting(s, "ÉM") is None
        for term in texts:
            common = term[0] in "Éé"  # cased beyond ASCII
            assert (search_index.customers_walk(s, term, Customer.code) is not None) == common, term
    for term, codes in texts.items():
        assert found(admin, term) == codes == found(admin, term, LIKE_ONLY), term
        assert customers.count_customers(admin, term) == len(codes), term


# --------------------------------------------------------------------------- in step


@pytest.mark.sqlcipher("the FTS5 index is the SQLCipher vault's")
def test_index_in_step_after_creating_and_editing_customers(admin):
    cid = add_customer(
        admin,
        "C1",
        "顺达物流有限公司",
        region="上海市",
        industry="冷链",
        contacts=(ContactInput(name="赵强", phone="13800001111"),),
    )
    add_customer(admin, "C2", "Acme Trading")
    assert found(admin, "顺达物") == {"C1"}
    assert found(admin, "00001111") == {"C1"}  # a contact's phone
    assert found(admin, "shunda") == {"C1"}  # the name's pinyin
    assert_in_step(admin)
    detail = customers.get_customer(admin, cid)
    customers.update_customer(
        admin,
        cid,
        CustomerInput(
            code="C1",
            name="恒通快运有限公司",
            region="广州市",
            contacts=(ContactInput(name="钱芳", phone="13900002222"),),
        ),
        detail.version,
    )
    assert found(admin, "顺达物") == set()
    assert found(admin, "shunda") == set()
    assert found(admin, "13800001111") == set()
    assert found(admin, "恒通快") == {"C1"}
    assert found(admin, "hengtong") == {"C1"}
    assert found(admin, "htky") == {"C1"}
    assert found(admin, "13900002222") == {"C1"}
    assert found(admin, "广州市") == {"C1"}
    assert_in_step(admin)


@pytest.mark.sqlcipher("the FTS5 index is the SQLCipher vault's")
def test_index_in_step_after_an_import_and_a_reimport(admin, tmp_path: Path):
    run_import(admin, "staff", write(tmp_path / "staff.csv", STAFF_CSV))
    header = "客户编码,客户名称,地区,行业,业务员,联系人,联系电话\n"
    first = header + (
        "K001,杭州新锐服装有限公司,浙江省,服装,E001,孙丽,13700003333\n"
        "K002,深圳华南电子有限公司,广东省,电子,E002,,\n"
    )
    run_import(admin, "customers", write(tmp_path / "c1.csv", first))
    assert found(admin, "新锐服") == {"K001"}
    assert found(admin, "00003333") == {"K001"}
    assert found(admin, "xinrui") == {"K001"}
    assert found(admin, "szhn") == {"K002"}
    assert_in_step(admin)
    again = header + (
        "K001,杭州新锐时装有限公司,浙江省,服装,E001,周敏,13600004444\n"
        "K002,深圳华南电子有限公司,广东省,电子,E002,,\n"
    )
    result = run_import(admin, "customers", write(tmp_path / "c2.csv", again))
    assert result.inserted.get("updated") == 1, result
    assert found(admin, "新锐服") == set()
    assert found(admin, "新锐时") == {"K001"}
    assert found(admin, "shizhuang") == {"K001"}
    assert found(admin, "00004444") == {"K001"}
    assert_in_step(admin)


@pytest.mark.sqlcipher("a backup and restore of the SQLCipher vault's file")
def test_index_in_step_after_a_backup_is_restored(admin):
    add_customer(admin, "B1", "宏远物流有限公司")
    backup = maintenance.backup_now(admin)
    add_customer(admin, "B2", "宏远供应链有限公司")
    assert found(admin, "宏远") == {"B1", "B2"} and found(admin, "宏远供") == {"B2"}
    maintenance.restore(admin, backup.path)
    assert found(admin, "宏远物") == {"B1"}
    assert found(admin, "宏远供") == set()
    assert found(admin, "hongyuan") == {"B1"}
    assert_in_step(admin)
    # Writing after the restore keeps it in step: the triggers came back with the file.
    add_customer(admin, "B3", "宏远冷链有限公司")
    assert found(admin, "宏远冷") == {"B3"}
    assert_in_step(admin)


@pytest.mark.sqlcipher("the FTS5 index is the SQLCipher vault's")
def test_index_in_step_after_the_demo_bulk_inserts(admin):
    generate_demo(admin, "small", plant_alerts=False)
    assert_in_step(admin)
    with admin.read() as s:
        name, code = s.execute(select(Customer.name, Customer.code).limit(1)).one()
        people = list(s.execute(select(Employee.name, Employee.name_pinyin)))
    assert all(p == romanize(n)[0] for n, p in people)
    assert code in found(admin, name[2:6])
    assert code in found(admin, romanize(name)[0][:8])


# --------------------------------------------------------------------------- pinyin


def write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def test_pinyin_and_initials_find_people_and_customers(admin, tmp_path: Path):
    run_import(admin, "staff", write(tmp_path / "staff.csv", STAFF_CSV))
    add_customer(admin, "W1", "王氏物流有限公司")
    add_customer(admin, "Z1", "张记快运")
    add_customer(admin, "A1", "Acme Trading")

    def people(term: str) -> set[str]:
        return {e.name for e in staff.list_employees(admin, 0, 100, search=term)}

    def picked(term: str) -> set[str]:
        return {e.name for e in staff.pick_employees(admin, term)}

    assert people("wang") == {"王芳"} == picked("wang")
    assert people("WANG") == {"王芳"}
    assert people("zs") == {"张三"} == picked("zs")
    assert people("zhangs") == {"张三"}
    assert people("wf") == {"王芳"}
    assert people("anna") == {"Anna Li"}  # Latin names as they are
    assert people("E00") == {"张三", "王芳", "Anna Li"}  # the number still works
    assert found(admin, "wang") == {"W1"}
    assert found(admin, "wswl") == {"W1"}
    assert found(admin, "zjky") == {"Z1"}
    assert found(admin, "zhangji") == {"Z1"}
    assert found(admin, "acme") == {"A1"}
    assert customers.count_customers(admin, "wang") == 1
    # Added and renamed through the forms' service: found by the new name's pinyin only.
    new_id = next(iter(staff.create_employee(admin, EmployeeInput("E009", "刘洋")).ids))
    assert people("liuyang") == {"刘洋"}
    version = staff.get_employee(admin, new_id).version
    staff.update_employee(admin, new_id, EmployeeInput("E009", "赵敏"), version)
    assert people("liuyang") == set()
    assert people("zm") == {"赵敏"} == picked("zhaom")


def test_romanize_gives_lower_case_pinyin_and_initials():
    assert romanize("张三") == ("zhangsan", "zs")
    assert romanize("王小明") == ("wangxiaoming", "wxm")
    assert romanize("A座物流-1号") == ("azuowuliu1hao", "azwl1h")
    assert romanize("吕布") == ("lvbu", "lb")
    assert romanize("Acme Ltd") == (None, None)
    assert romanize("") == (None, None)
    assert romanize(None) == (None, None)


def test_postgresql_search_is_served_by_trigram_indexes(admin, request):
    """PostgreSQL: migration 0010 made pg_trgm GIN indexes where the server has the
    extension, and the planner can answer an ILIKE search from them."""
    if not on_postgresql(request.config):
        pytest.skip("PostgreSQL only: SQLite has the FTS5 index")
    with admin.read() as s:
        available = s.scalar(
            text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
        )
        if not available:
            pytest.skip("this PostgreSQL server has no pg_trgm: the search stays unindexed")
        indexes = set(
            s.scalars(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_trgm'"))
        )
        assert indexes == {
            "ix_customer_search_trgm",
            "ix_contact_search_trgm",
            "ix_employee_search_trgm",
        }
        s.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            s.scalars(text("EXPLAIN SELECT id FROM customer WHERE name ILIKE '%顺达物%'"))
        )
    assert "ix_customer_search_trgm" in plan, plan
