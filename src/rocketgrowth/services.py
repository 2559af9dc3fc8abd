"""The server's parts, built once per app: database, stores, limiter, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from rocketgrowth.clock import utc_now
from rocketgrowth.domain.review import ReviewMode, parse_review_mode
from rocketgrowth.ratelimit import Limiter, create_limiter
from rocketgrowth.settings import Settings
from rocketgrowth.store.categories import CategoryStore
from rocketgrowth.store.db import Database
from rocketgrowth.store.inquiries import InquiryStore
from rocketgrowth.store.products import ProductStore
from rocketgrowth.store.rocket_growth import RocketGrowthStore
from rocketgrowth.store.snapshot import SnapshotStore
from rocketgrowth.store.state import StateStore
from rocketgrowth.store.vendors import VendorStore
from rocketgrowth.tokens import TokenCodec

__all__ = ("Services",)


@dataclass
class Services:
    settings: Settings
    db: Database
    limiter: Limiter
    #: the Rocket Growth Open API family's own limit (calls per minute)
    rocket_growth_limiter: Limiter
    vendors: VendorStore = field(default_factory=VendorStore)
    state: StateStore = field(default_factory=StateStore)
    products: ProductStore = field(default_factory=ProductStore)
    categories: CategoryStore = field(default_factory=CategoryStore)
    inquiries: InquiryStore = field(default_factory=InquiryStore)
    rocket_growth: RocketGrowthStore = field(default_factory=RocketGrowthStore)
    snapshots: SnapshotStore = field(default_factory=SnapshotStore)
    tokens: TokenCodec = field(init=False)
    review: ReviewMode = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = TokenCodec(self.state)
        self.review = parse_review_mode(self.settings.review_mode)

    @classmethod
    def build(cls, settings: Settings, db: Database | None = None) -> Services:
        database = db or Database(settings.db_url)
        return cls(
            settings=settings,
            db=database,
            limiter=create_limiter(settings.rate_limit, settings.redis_url),
            rocket_growth_limiter=create_limiter(settings.rg_rate_limit, settings.redis_url, period=60.0, name="rl-rg"),
        )

    @property
    def reads_write(self) -> bool:
        """Whether reads write: in the review mode ``delay`` they settle the reviews that are due first."""
        return self.review.kind == "delay"

    def now(self, conn: Connection) -> datetime:
        """Sandbox time (naive UTC): real time plus the operator's clock offset."""
        return utc_now(self.state.clock_offset(conn))
