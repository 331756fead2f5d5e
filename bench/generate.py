"""Deterministic synthetic data for the benchmarks (issue #10).

    python bench/generate.py --dataset S --url sqlite:///bench-S.db     # one store, five years
    python bench/generate.py --dataset G --url postgresql+psycopg://…   # a dealer group's year
    python bench/generate.py --dataset S --scale 0.01 --url …           # the smoke test's size

The schema, the store, staff, channels and the consent text are created through the app's own
services (migrations, set-up, create_user). The volume rows are written on bulk paths that
produce the same rows the services write (same columns, defaults, history rows: a lead gets its
first `lead_status_change`, a visit its `assignment_log`, a vehicle its first status change),
so queries see what a real store would have. The same seed always gives the same rows.

Dataset S: 60,000 visits, 25,000 customers with leads, 3,000 vehicles, 12,000 test drives,
6,000 PDIs and 20,000 archived documents over five years. Dataset G: 3.6 million visits (300
stores × 12,000 a year) in one PostgreSQL database. Showroom keeps one store per database, so G
measures what the largest tables of a group server look like to one query.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED = 20261123
END = dt.datetime(2026, 11, 1)  # fixed, so the data never depends on today's date
PASSWORD = "bench1234"


@dataclass(frozen=True)
class Size:
    years: int
    visits: int
    customers: int
    vehicles: int
    test_drives: int
    pdis: int
    documents: int


SIZES = {
    "S": Size(5, 60_000, 25_000, 3_000, 12_000, 6_000, 20_000),
    "G": Size(1, 3_600_000, 1_500_000, 30_000, 0, 0, 0),
}

MODELS = [  # brand, model, trim, powertrain, guide price (yuan)
    ("大众", "帕萨特", "330TSI 精英版", "ICE", 209_900),
    ("大众", "途观L", "330TSI 两驱智享版", "ICE", 231_800),
    ("大众", "ID.4 X", "纯净智享版", "BEV", 199_888),
    ("别克", "GL8", "ES 陆尊", "ICE", 329_900),
    ("别克", "GL8 PHEV", "智享旗舰型", "PHEV", 379_900),
    ("比亚迪", "汉", "DM-i 125KM 尊贵型", "PHEV", 179_800),
    ("比亚迪", "海豹", "650 长续航", "BEV", 189_800),
    ("特斯拉", "Model 3", "长续航全轮驱动版", "BEV", 285_500),
    ("丰田", "凯美瑞", "2.0E 精英版", "HEV", 179_800),
    ("本田", "雅阁", "260TURBO 精享版", "ICE", 169_800),
    ("理想", "L6", "Pro", "PHEV", 249_800),
    ("蔚来", "ET5", "75kWh", "BEV", 298_000),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕文博思远子涵雨欣浩然梓萱"


def data_dir_for(url: str) -> Path:
    """Where a dataset's key files live (the store's signing key is encrypted under one): next
    to a SQLite file, else in a folder named after the database. Generation and measuring
    must use the same, so both set SHOWROOM_DATA_DIR from this before loading the app."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).resolve().parent / "showroom-data"
    name = url.rsplit("/", 1)[-1].split("?")[0] or "default"
    return Path(tempfile.gettempdir()) / "showroom-bench" / name


def use_data_dir(url: str) -> Path:
    path = data_dir_for(url)
    path.mkdir(parents=True, exist_ok=True)
    os.environ["SHOWROOM_DATA_DIR"] = str(path)
    os.environ.setdefault("XDG_CONFIG_HOME", str(path / "config"))  # QSettings of the probes
    return path


def _vin(serial: int, wmi: str = "LSV") -> str:
    from app.core.validation import vin_check_digit

    vin = f"{wmi}AB218" + "0" + "N2" + f"{serial:06d}"
    return vin[:8] + vin_check_digit(vin) + vin[9:]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _pdf_bytes(number: str) -> bytes:
    """A small real PDF per archived document (the archive's size is not what is measured)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(420, 595))
    c.setFont("Helvetica", 12)
    c.drawString(40, 550, number)
    c.showPage()
    c.save()
    return buf.getvalue()


def _chunks(rows, n=5_000):
    for i in range(0, len(rows), n):
        yield rows[i : i + n]


class Generator:
    def __init__(self, url: str, dataset: str, scale: float, log=print) -> None:
        self.url = url
        self.dataset = dataset
        base = SIZES[dataset]
        self.size = Size(
            base.years,
            *(
                max(1, int(v * scale)) if v else 0
                for v in (base.visits, base.customers, base.vehicles, base.test_drives, base.pdis, base.documents)
            ),
        )
        self.rng = random.Random(SEED)
        self.log = log
        self.start = END - dt.timedelta(days=365 * self.size.years)

    # --- set-up through the services ---------------------------------------------------------
    def setup(self):
        from app.staff import auth
        from app.reception import setup as reception_setup
        from app.store import store
        from db.migrate import upgrade
        from db.uow import Database

        upgrade(self.url)
        self.db = Database(self.url)
        if not store.needs_setup(self.db.uow()):
            raise SystemExit(f"{self.url} already holds a store: generate into an empty database")
        admin = store.set_up_store(
            self.db.uow(),
            legal_name="上海基准汽车销售服务有限公司",
            address="上海市徐汇区基准路1号",
            sales_hotline="021-64000000",
            complaint_phone="021-64000001",
            admin_username="admin",
            admin_full_name="系统管理员",
            admin_password=PASSWORD,
        )
        reception_setup.ensure_reception_defaults(self.db.uow(), now=self.start)
        from app.documents import certificates

        certificates.ensure_store_certificate(self.db.uow(), actor=admin)  # as set-up does
        staff = [
            ("manager", "王经理", ("sales_manager",)),
            ("desk1", "前台一", ("reception",)),
            ("desk2", "前台二", ("reception",)),
            ("finance", "财务", ("finance",)),
            ("pdi1", "技师一", ("pdi_technician",)),
            ("pdi2", "技师二", ("pdi_technician",)),
        ]
        staff += [(f"c{i:02d}", f"顾问{i:02d}", ("consultant",)) for i in range(1, 13)]
        self.users = {}
        for username, full_name, roles in staff:
            extra = {}
            if "pdi_technician" in roles:
                extra = dict(
                    pdi_certificate_no=f"SH-PDI-{username}", pdi_certificate_expiry=END.date() + dt.timedelta(days=365)
                )
            if "consultant" in roles or "sales_manager" in roles:
                extra["licence_first_issued"] = dt.date(2012, 5, 1)
            dto = auth.create_user(
                self.db.uow(),
                actor=admin,
                username=username,
                full_name=full_name,
                password=PASSWORD,
                roles=list(roles),
                **extra,
            )
            self.users[username] = dto.id
        self.consultants = [self.users[f"c{i:02d}"] for i in range(1, 13)]
        self.admin_id = admin.user_id
        with self.db.uow() as uow:
            from sqlalchemy import text

            s = uow.session
            self.channels = [r[0] for r in s.execute(text("select id from source_channel order by id"))]
            self.consent_text_id = s.execute(text("select id from consent_text order by id")).scalar()

    # --- bulk rows -----------------------------------------------------------------------------
    def _when(self) -> dt.datetime:
        """An opening-hours moment (store-local 9:00-20:00 = UTC 1:00-12:00), weekends busier."""
        days = (END - self.start).days
        while True:
            day = self.start + dt.timedelta(days=self.rng.randrange(days))
            if day.weekday() >= 5 or self.rng.random() < 0.6:
                break
        return day + dt.timedelta(hours=1 + self.rng.random() * 11)

    def _insert(self, table: str, rows: list[dict]) -> None:
        from db.models import Base

        if not rows:
            return
        t = Base.metadata.tables[table]
        with self.db.engine.begin() as conn:
            if self.url.startswith("postgresql"):
                self._copy(conn, t, rows)
                return
            for chunk in _chunks(rows):
                conn.execute(t.insert(), chunk)

    @staticmethod
    def _copy(conn, t, rows: list[dict]) -> None:
        """PostgreSQL COPY: the same rows as INSERT, fast enough for dataset G's millions."""
        import json

        from sqlalchemy import JSON

        names = list(rows[0])
        is_json = [isinstance(t.c[n].type, JSON) for n in names]
        raw = conn.connection.driver_connection
        cols = ", ".join(f'"{n}"' for n in names)
        with raw.cursor() as cur, cur.copy(f'COPY "{t.name}" ({cols}) FROM STDIN') as copy:
            for r in rows:
                copy.write_row(
                    [
                        json.dumps(r[n], ensure_ascii=False) if j and r[n] is not None else r[n]
                        for n, j in zip(names, is_json)
                    ]
                )

    def vehicles(self):
        n = self.size.vehicles
        rows, changes = [], []
        statuses = (
            ["delivered"] * 80
            + ["sold"] * 4
            + ["reserved"] * 3
            + ["in_stock"] * 8
            + ["on_display"] * 3
            + ["test_drive_fleet"] * 1
            + ["in_transit"] * 1
        )
        for i in range(1, n + 1):
            brand, model, trim, powertrain, price = self.rng.choice(MODELS)
            created = self._when()
            status = self.rng.choice(statuses)
            rows.append(
                dict(
                    id=i,
                    vin=_vin(i),
                    brand=brand,
                    model=model,
                    trim=trim,
                    model_year=created.year,
                    exterior_color=self.rng.choice(("白色", "黑色", "灰色", "蓝色", "红色")),
                    interior_color=self.rng.choice(("黑色", "米色")),
                    powertrain=powertrain,
                    guide_price_fen=price * 100,
                    price_fen=(price - self.rng.randrange(0, 20_000)) * 100,
                    configuration=["LED 大灯", "全景天窗", "L2 级辅助驾驶"],
                    power_kw=110 + i % 150,
                    production_date=(created - dt.timedelta(days=40)).date(),
                    status=status,
                    defect_notes="",
                    repair_notes="",
                    notes="",
                    created_at=created,
                    updated_at=created,
                    updated_by_id=self.users["manager"],
                    version=1,
                )
            )
            changes.append(
                dict(
                    vehicle_id=i,
                    from_status=None,
                    to_status=status,
                    changed_at=created,
                    changed_by_id=self.users["manager"],
                    reason="",
                )
            )
        self._insert("vehicle", rows)
        self._insert("vehicle_status_change", changes)
        self.vehicle_rows = rows

    def customers_and_leads(self):
        n = self.size.customers
        customers, consents, leads, changes = [], [], [], []
        mobiles = self.rng.sample(range(10**8), n)
        prefixes = ("138", "139", "136", "158", "186", "177", "199", "135")
        self.customer_first = {}
        for i in range(1, n + 1):
            created = self._when()
            consultant = self.rng.choice(self.consultants)
            mobile = prefixes[i % len(prefixes)] + f"{mobiles[i - 1]:08d}"
            customers.append(
                dict(
                    id=i,
                    name=_name(self.rng),
                    mobile=mobile,
                    mobile_rev=mobile[::-1],
                    consultant_id=consultant,
                    foreign_visitor=False,
                    language=None,
                    anonymised_at=None,
                    created_at=created,
                    updated_at=created,
                    updated_by_id=self.users["desk1"],
                    version=1,
                )
            )
            consents.append(
                dict(
                    customer_id=i,
                    consent_text_id=self.consent_text_id,
                    purpose="contact",
                    shown_at=created,
                    given_at=created,
                    recorded_by_id=self.users["desk1"],
                    withdrawn_at=None,
                    withdrawn_by_id=None,
                    version=1,
                )
            )
            brand, model, *_ = self.rng.choice(MODELS)
            status = self.rng.choices(("new", "following", "ordered", "lost"), (15, 35, 25, 25))[0]
            changed = min(END, created + dt.timedelta(days=self.rng.randrange(0, 40)))
            leads.append(
                dict(
                    id=i,
                    customer_id=i,
                    brand=brand,
                    model=model,
                    consultant_id=consultant,
                    status=status,
                    lost_reason="price" if status == "lost" else None,
                    lost_note="",
                    intent_level=self.rng.choice("HABC"),
                    next_follow_up=(changed + dt.timedelta(days=7)).date() if status in ("new", "following") else None,
                    source_visit_id=None,
                    created_at=created,
                    status_changed_at=changed,
                    updated_at=changed,
                    updated_by_id=consultant,
                    version=1,
                )
            )
            changes.append(
                dict(
                    lead_id=i,
                    from_status=None,
                    to_status="new",
                    changed_at=created,
                    changed_by_id=consultant,
                    reason=None,
                    note="",
                )
            )
            if status != "new":
                changes.append(
                    dict(
                        lead_id=i,
                        from_status="new",
                        to_status=status,
                        changed_at=changed,
                        changed_by_id=consultant,
                        reason="price" if status == "lost" else None,
                        note="",
                    )
                )
            self.customer_first[i] = (created, consultant, brand, model)
            if len(customers) >= 50_000 or i == n:  # bounded memory for dataset G
                self._insert("customer", customers)
                self._insert("consent", consents)
                self._insert("lead", leads)
                self._insert("lead_status_change", changes)
                customers, consents, leads, changes = [], [], [], []

    def visits(self):
        n = self.size.visits
        ncust = self.size.customers
        batch, logs = [], []
        for i in range(1, n + 1):
            # Every customer's first visit, then repeat visits and anonymous walk-ins.
            if i <= ncust:
                arrival, consultant, brand, model = self.customer_first[i]
                customer = i
            elif self.rng.random() < 0.5:
                customer = self.rng.randrange(1, ncust + 1)
                first, consultant, brand, model = self.customer_first[customer]
                arrival = first + dt.timedelta(days=self.rng.randrange(1, 60), hours=self.rng.random() * 3)
                if arrival >= END:  # no visits in the future
                    arrival = self._when()
            else:
                customer = None
                arrival = self._when()
                consultant = self.rng.choice(self.consultants)
                brand, model, *_ = self.rng.choice(MODELS)
            started = arrival + dt.timedelta(minutes=self.rng.randrange(1, 8))
            finished = started + dt.timedelta(minutes=self.rng.randrange(15, 120))
            outcome = self.rng.choices(("information", "quote", "test_drive", "order", "left"), (35, 20, 25, 10, 10))[0]
            batch.append(
                dict(
                    id=i,
                    arrival_at=arrival,
                    visit_type="walk_in" if i % 7 else "invited",
                    channel_id=self.channels[i % len(self.channels)],
                    party_size=1 + i % 3,
                    with_children=i % 11 == 0,
                    foreign_visitor=False,
                    language=None,
                    interested_models=[[brand, model]],
                    customer_id=customer,
                    consultant_id=consultant,
                    assigned_by="rotation",
                    assigned_at=arrival,
                    override_reason=None,
                    status="finished",
                    started_at=started,
                    finished_at=finished,
                    outcome=outcome,
                    had_test_drive=outcome == "test_drive",
                    intent_level=self.rng.choice("HABC"),
                    next_follow_up=None,
                    notes="",
                    consent_text_id=self.consent_text_id if customer else None,
                    consent_shown_at=arrival if customer else None,
                    consent_given=customer is not None,
                    checked_in_by_id=self.users["desk1"],
                    created_at=arrival,
                    updated_at=finished,
                    updated_by_id=consultant,
                    version=3,
                )
            )
            logs.append(
                dict(
                    visit_id=i,
                    from_consultant_id=None,
                    to_consultant_id=consultant,
                    method="rotation",
                    reason="",
                    note_code="",
                    by_id=self.users["desk1"],
                    at=arrival,
                )
            )
            if len(batch) >= 50_000:
                self._insert("visit", batch)
                self._insert("assignment_log", logs)
                batch, logs = [], []
        self._insert("visit", batch)
        self._insert("assignment_log", logs)

    def server_rows(self):
        from bench.generate_sql import add_customers_leads_visits

        add_customers_leads_visits(self)

    def documents(self):
        n = self.size.documents
        if not n:
            return
        kinds = (
            ("vehicle_card", "VC", "vehicle"),
            ("test_drive_agreement", "TD", "test_drive"),
            ("pdi_report", "PDI", "pdi"),
            ("store_notice", "SN", "store"),
        )
        rows, seqs = [], {}
        for i in range(1, n + 1):
            doc_type, prefix, subject = kinds[self.rng.choices(range(4), (45, 35, 18, 2))[0]]
            issued = self._when()
            seq = seqs[(doc_type, issued.year)] = seqs.get((doc_type, issued.year), 0) + 1
            number = f"{prefix}-{issued.year}-{seq:06d}"
            content = _pdf_bytes(number)
            rows.append(
                dict(
                    id=i,
                    doc_type=doc_type,
                    subject_type=subject,
                    subject_id=i % 3000 + 1,
                    subject_ref="",
                    number=number,
                    version=1,
                    language="bilingual",
                    issued_by_id=self.users["c01"],
                    issued_at=issued,
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                    content=content,
                    signed=False,
                    signer_subject=None,
                    certificate_id=None,
                    voided_at=None,
                    voided_by_id=None,
                    void_reason=None,
                    replaced_by_id=None,
                )
            )
        self._insert("document", rows)
        self._insert("document_sequence", [dict(doc_type=k[0], year=k[1], last=v) for k, v in seqs.items()])

    def extras(self):
        """Test drives and PDIs, once those modules' tables exist (see bench/generate_modules.py)."""
        try:
            from bench.generate_modules import add_module_rows
        except ImportError:
            return
        add_module_rows(self)

    def fix_sequences(self):
        """PostgreSQL: explicit ids leave the id sequences behind; move them past the rows."""
        if not self.url.startswith("postgresql"):
            return
        from sqlalchemy import text

        from db.models import Base

        with self.db.engine.begin() as conn:
            for t in Base.metadata.sorted_tables:
                if "id" in t.c and t.c.id.primary_key and t.c.id.autoincrement is not False:
                    conn.execute(
                        text(
                            f"select setval(pg_get_serial_sequence('{t.name}', 'id'), "
                            f"coalesce((select max(id) from {t.name}), 1))"
                        )
                    )
            conn.execute(text("analyze"))

    def run(self) -> float:
        t0 = time.perf_counter()
        self.setup()
        steps = [self.vehicles, self.customers_and_leads, self.visits, self.documents, self.extras, self.fix_sequences]
        if self.dataset == "G":  # millions of rows: computed by the server (bench/generate_sql.py)
            steps[1:3] = [self.server_rows]
        for step in steps:
            t = time.perf_counter()
            step()
            self.log(f"  {step.__name__:<22} {time.perf_counter() - t:6.1f} s")
        if self.url.startswith("sqlite"):
            with self.db.engine.begin() as conn:
                from sqlalchemy import text

                conn.execute(text("analyze"))
        self.db.dispose()
        return time.perf_counter() - t0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dataset", choices=sorted(SIZES), default="S")
    p.add_argument("--url", required=True, help="an empty database (SQLAlchemy URL)")
    p.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    args = p.parse_args(argv)
    use_data_dir(args.url)
    g = Generator(args.url, args.dataset, args.scale)
    print(f"dataset {args.dataset} ×{args.scale} -> {args.url}: {g.size}")
    took = g.run()
    print(f"generated in {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
