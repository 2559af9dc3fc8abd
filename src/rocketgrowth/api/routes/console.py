"""The web console (``/console``): server-rendered pages over the operator operations.

* ``/console/seller/{vendorId}``  the seller's page, as in WING: the open API key and the
  "Agree to Rocket Growth Product API & Inspection" dialog (checkbox, Agree, "You have already agreed.")
* ``/console``                    overview: counts, vendors (create, consent), links
* ``/console/products``           find a product of any vendor by vendor, id or name; ``/console/products/{id}``:
  its state, history, sides, inbound/inspection and the JSON the seller API answers for it
* ``/console/reviews``            review queue: approve, partially approve (per option), deny with a reason
* ``/console/rocket-growth``      Rocket Growth options: create an inbound, inspection pass / fail
* ``/console/inquiries``          customer inquiries, and a form to ask one on a vendorItemId
* ``/console/clock``              sandbox time; advance it

Access is the operator API's: with an admin token, the bearer header or the cookie set by
``/console/login``; without one, loopback callers only. Forms post back and redirect (303) with a
short message in the query string; a form posted from another origin is refused.
"""

import hashlib
import hmac
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from rocketgrowth.api.deps import ServicesDep, require_admin
from rocketgrowth.api.responses import JsonResponse
from rocketgrowth.api.routes.inquiries import InquiryCreate
from rocketgrowth.domain.rocket_growth import parse_vendor_item_id
from rocketgrowth.errors import Error, Forbidden, Invalid
from rocketgrowth.operations import inquiries as inquiry_ops
from rocketgrowth.operations import rocket_growth as rg_ops
from rocketgrowth.operations import sandbox as ops
from rocketgrowth.services import Services
from rocketgrowth.wire.validation import describe_validation_errors

__all__ = ("COOKIE", "router")

COOKIE = "rocketgrowth_console"
PREFIX = "/console"
_HERE = Path(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=str(_HERE / "templates"))


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


async def _storable_form(request: Request) -> None:
    """Form fields the databases can store: no NUL, no lone surrogate (PostgreSQL refuses them)."""
    if request.method != "POST":
        return
    for name, value in (await request.form()).multi_items():
        if not (_storable(name) and (not isinstance(value, str) or _storable(value))):
            field = name.encode("unicode_escape").decode("ascii")
            raise Invalid(f"{field}: NUL 문자(\\u0000)나 짝이 없는 서로게이트는 입력할 수 없습니다.", field=field)


router = APIRouter(
    prefix=PREFIX,
    include_in_schema=False,
    dependencies=[Depends(_storable_form)],
    default_response_class=JsonResponse,
)

Text = Annotated[str, Form()]


# --- access -----------------------------------------------------------------------------------


def _cookie_value(token: str) -> str:
    """What the login cookie holds: a keyed digest of the token, never the token itself."""
    return hmac.new(token.encode(), b"rocketgrowth-console", hashlib.sha256).hexdigest()


def _same_origin(request: Request) -> bool:
    """A form post must come from this server's own pages (Origin, else Referer, when sent)."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        return source is None
    parts = urlsplit(source)
    return f"{parts.scheme}://{parts.netloc}" == f"{request.url.scheme}://{request.url.netloc}"


def _denied(request: Request, services: ServicesDep) -> Response | None:
    """``None`` when the caller may use the console, else the page to answer with. Pages take it as the
    ``Denied`` dependency (``app.dependency_overrides[_denied]`` replaces it)."""
    if request.method == "POST" and not _same_origin(request):
        return _forbidden(request, "This form was posted from another site.")
    token = services.settings.admin_token
    cookie = request.cookies.get(COOKIE, "")
    if token and cookie and hmac.compare_digest(cookie, _cookie_value(token)):
        return None
    try:
        require_admin(request, services)
    except Forbidden as exc:
        if token:
            return RedirectResponse(f"{PREFIX}/login?next={quote(request.url.path)}", status_code=303)
        return _forbidden(request, exc.message)
    return None


Denied = Annotated[Response | None, Depends(_denied)]


def _forbidden(request: Request, message: str) -> Response:
    return templates.TemplateResponse(
        request,
        "login.html",
        {"page": "login", "error": message, "login": False, "next": PREFIX, "form": False},
        status_code=403,
    )


def _back(path: str, *, ok: str = "", error: str = "", extra: str = "") -> RedirectResponse:
    query = [f"ok={quote(ok)}"] if ok else []
    if error:
        query.append(f"error={quote(error)}")
    if extra:
        query.append(extra)
    return RedirectResponse(f"{PREFIX}{path}" + ("?" + "&".join(query) if query else ""), status_code=303)


def _act(path: str, action: Callable[[], str], *, extra: str = "") -> RedirectResponse:
    """Run a form's operation; back to ``path`` with its message, or with the error it raised."""
    try:
        message = action()
    except Error as exc:
        return _back(path, error=exc.message)
    except ValidationError as exc:
        return _back(path, error=describe_validation_errors(exc.errors()))
    return _back(path, ok=message, extra=extra)


def _count(text: str, name: str) -> int:
    """A form's whole number of units (``Invalid`` naming the field otherwise)."""
    value = text.strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise Invalid(f"{name}[{text}] must be a whole number of units.", field=name)
    return int(value)


def _page(request: Request, name: str, page: str, **context: Any) -> HTMLResponse:
    context.update(
        page=page,
        ok=request.query_params.get("ok", ""),
        error=request.query_params.get("error", ""),
        login=bool(request.app.state.services.settings.admin_token),
    )
    return templates.TemplateResponse(request, name, context)


# --- assets and login -------------------------------------------------------------------------


@router.get("/static/console.css")
def stylesheet() -> Response:
    css = resources.files("rocketgrowth.api").joinpath("static/console.css").read_bytes()
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=300"})


def _safe_next(target: str) -> str:
    return target if target.startswith(PREFIX) and not target.startswith("//") else PREFIX


@router.get("/login")
def login_page(request: Request, next: str = PREFIX) -> HTMLResponse:
    context = {"page": "login", "error": request.query_params.get("error", ""), "login": False}
    return templates.TemplateResponse(request, "login.html", {**context, "next": _safe_next(next)})


@router.post("/login")
def login(request: Request, services: ServicesDep, token: Text = "", next: Text = PREFIX) -> Response:
    expected = services.settings.admin_token
    target = _safe_next(next)
    if not _same_origin(request):
        return _forbidden(request, "This form was posted from another site.")
    if not expected:
        return RedirectResponse(target, status_code=303)
    if not hmac.compare_digest(token.encode(), expected.encode()):
        return RedirectResponse(f"{PREFIX}/login?next={quote(target)}&error={quote('Wrong token.')}", 303)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, _cookie_value(expected), httponly=True, samesite="strict", path=PREFIX)
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse(f"{PREFIX}/login", status_code=303)
    response.delete_cookie(COOKIE, path=PREFIX)
    return response


# --- overview and vendors ---------------------------------------------------------------------


def _overview(services: Services) -> dict[str, Any]:
    items = ops.list_rocket_growth_items(services)
    questions = inquiry_ops.list_all_inquiries(services, limit=1000)
    counts = {
        "reviews": len(ops.list_reviews(services)),
        "inbounds": sum(1 for i in items if i["inboundStatus"] == "CREATED"),
        "rocketGrowth": len(items),
        "unanswered": sum(1 for q in questions if not q["answered"]),
    }
    return {
        "vendors": ops.list_vendors(services),
        "counts": counts,
        "clock": ops.get_clock(services),
        "review_mode": services.settings.review_mode,
        "created": None,
    }


@router.get("")
def overview(request: Request, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    return _page(request, "overview.html", "overview", **_overview(services))


@router.post("/vendors")
def create_vendor(
    request: Request, services: ServicesDep, denied: Denied, vendor_id: Text = "", name: Text = "", consent: Text = ""
) -> Response:
    if denied is not None:
        return denied
    try:
        created = ops.create_vendor(services, vendor_id.strip(), name=name.strip(), consent=consent == "yes")
    except Error as exc:
        return _back("", error=exc.message)
    # the secret is shown once, on this page, and never again
    context = {**_overview(services), "created": created}
    return _page(request, "overview.html", "overview", **context)


@router.post("/vendors/{vendor_id}/consent")
def set_vendor_consent(
    request: Request, vendor_id: str, services: ServicesDep, denied: Denied, consent: Text = ""
) -> Response:
    if denied is not None:
        return denied
    give = consent == "yes"

    def change() -> str:
        ops.set_vendor_consent(services, vendor_id, give)
        return f"{vendor_id}: consent {'given' if give else 'withdrawn'}."

    return _act("", change)


# --- the seller's page (WING) -----------------------------------------------------------------


@router.get("/seller/{vendor_id}")
def seller_page(request: Request, vendor_id: str, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    try:
        vendor = ops.get_vendor(services, vendor_id)
    except Error as exc:
        return _back("", error=exc.message)
    return _page(request, "seller.html", "seller", vendor=vendor, opened=request.query_params.get("agreed") == "1")


@router.post("/seller/{vendor_id}/consent")
def agree(request: Request, vendor_id: str, services: ServicesDep, denied: Denied, confirm: Text = "") -> Response:
    """The seller's Agree button: refused unless the inspection-terms checkbox was ticked."""
    if denied is not None:
        return denied
    path = f"/seller/{quote(vendor_id)}"
    if confirm != "yes":
        return _back(path, error="Check the box to confirm the inspection terms, then click Agree.")

    def give() -> str:
        ops.set_vendor_consent(services, vendor_id, True)
        return "You have already agreed."

    return _act(path, give, extra="agreed=1")


# --- products ---------------------------------------------------------------------------------


@router.get("/products")
def products_page(request: Request, services: ServicesDep, denied: Denied, q: str = "", vendor: str = "") -> Response:
    if denied is not None:
        return denied
    found = ops.find_products(services, query=q, vendor_id=vendor)
    vendors = ops.list_vendors(services)
    return _page(request, "products.html", "products", products=found, vendors=vendors, q=q, vendor=vendor)


@router.get("/products/{seller_product_id}")
def product_page(request: Request, seller_product_id: str, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    try:
        record = ops.get_product_record(services, seller_product_id)
    except Error as exc:
        return _back("/products", error=exc.message)
    answer = json.dumps(record["apiAnswer"], ensure_ascii=False, indent=2)
    return _page(request, "product.html", "products", p=record, api_json=answer)


# --- review queue -----------------------------------------------------------------------------


@router.get("/reviews")
def reviews_page(request: Request, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    return _page(
        request,
        "reviews.html",
        "reviews",
        products=ops.list_reviews(services),
        review_mode=services.settings.review_mode,
    )


@router.post("/reviews/{seller_product_id}")
def review_product(
    request: Request,
    seller_product_id: str,
    services: ServicesDep,
    denied: Denied,
    decision: Text = "",
    reason: Text = "",
    positions: Annotated[list[str] | None, Form()] = None,
) -> Response:
    if denied is not None:
        return denied
    chosen = [int(p) for p in positions or [] if p.isascii() and p.isdigit()] if decision == "PARTIAL_APPROVE" else None

    def decide() -> str:
        view = ops.review_product(services, seller_product_id, decision, positions=chosen, reason=reason or None)
        return f"{seller_product_id}: {view['statusName']}"

    return _act("/reviews", decide)


# --- Rocket Growth inbounds -------------------------------------------------------------------


@router.get("/rocket-growth")
def rocket_growth_page(request: Request, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    return _page(request, "rocket_growth.html", "rocket-growth", items=ops.list_rocket_growth_items(services))


@router.post("/rocket-growth/{item_id}/inbound")
def create_inbound(
    request: Request, item_id: str, services: ServicesDep, denied: Denied, quantity: Text = ""
) -> Response:
    if denied is not None:
        return denied

    def receive() -> str:
        units = _count(quantity, "quantity")
        view = ops.create_inbound(services, item_id, units)
        return (
            f"Inbound of {units} units for {item_id} ({view['awaitingInspection']} awaiting inspection): "
            "barcode and skuInfo are locked."
        )

    return _act("/rocket-growth", receive)


@router.post("/rocket-growth/{item_id}/inspection")
def set_inbound_inspection(
    request: Request,
    item_id: str,
    services: ServicesDep,
    denied: Denied,
    result: Text = "",
    comment: Text = "",
    accepted_quantity: Annotated[str, Form(alias="acceptedQuantity")] = "",
) -> Response:
    if denied is not None:
        return denied

    def inspect() -> str:
        accepted = _count(accepted_quantity, "acceptedQuantity") if accepted_quantity.strip() else None
        view = ops.set_inbound_inspection(services, item_id, result, comment or None, accepted_quantity=accepted)
        return f"Inspection of {item_id}: {view['inboundStatus']}, {view['orderableQuantity']} units orderable"

    return _act("/rocket-growth", inspect)


# --- Rocket Growth orders ---------------------------------------------------------------------

ORDERS = "/rocket-growth/orders"
ORDER_STATUSES = ("PAID", "SHIPPED", "CANCELLED")


@router.get("/rocket-growth/orders")
def rocket_growth_orders_page(
    request: Request, services: ServicesDep, denied: Denied, vendor: str = "", status: str = ""
) -> Response:
    if denied is not None:
        return denied
    chosen = status if status in ORDER_STATUSES else ""  # anything else: no status filter
    orders = rg_ops.list_all_rocket_growth_orders(services, vendor_id=vendor or None, status=chosen or None)
    return _page(request, "rocket_growth_orders.html", "rocket-growth-orders", orders=orders,
                 vendors=ops.list_vendors(services), vendor=vendor, status=chosen, statuses=ORDER_STATUSES)  # fmt: skip


@router.post("/rocket-growth/orders")
def create_rocket_growth_order(
    request: Request,
    services: ServicesDep,
    denied: Denied,
    vendor_id: Text = "",
    vendor_item_id: Text = "",
    quantity: Text = "1",
    paid_at: Text = "",
    shipped: Text = "",
) -> Response:
    if denied is not None:
        return denied

    def place() -> str:
        item = rg_ops.OrderItem(parse_vendor_item_id(vendor_item_id.strip()), _count(quantity, "quantity"))
        placed = rg_ops.create_rocket_growth_order(
            services, vendor_id.strip(), [item], paid_at=paid_at.strip() or None, shipped=bool(shipped)
        )
        return f"Order {placed['orderId']} placed ({'shipped' if shipped else 'paid, not shipped yet'})."

    return _act(ORDERS, place, extra=f"vendor={quote(vendor_id.strip())}")


@router.post("/rocket-growth/orders/{order_id}/ship")
def ship_rocket_growth_order(request: Request, order_id: str, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    return _act(ORDERS, lambda: f"Order {order_id}: {rg_ops.ship_rocket_growth_order(services, order_id)['status']}")


@router.post("/rocket-growth/orders/{order_id}/cancel")
def cancel_rocket_growth_order(request: Request, order_id: str, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    return _act(ORDERS, lambda: f"Order {order_id}: {rg_ops.cancel_rocket_growth_order(services, order_id)['status']}")


@router.post("/rocket-growth/simulate")
def simulate_rocket_growth_orders(
    request: Request,
    services: ServicesDep,
    denied: Denied,
    vendor_id: Text = "",
    days: Text = "30",
    orders_per_day: Text = "5",
    seed: Text = "0",
) -> Response:
    if denied is not None:
        return denied

    def simulate() -> str:
        done = rg_ops.simulate_rocket_growth_orders(
            services, vendor_id.strip(), days=_count(days, "days"), orders_per_day=_count(orders_per_day, "ordersPerDay"),
            seed=_count(seed, "seed"),
        )  # fmt: skip
        return f"Simulation placed {done['orders']} shipped orders for {vendor_id.strip()}."

    return _act(ORDERS, simulate, extra=f"vendor={quote(vendor_id.strip())}")


# --- inquiries --------------------------------------------------------------------------------


@router.get("/inquiries")
def inquiries_page(request: Request, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    rows = inquiry_ops.list_all_inquiries(services, limit=200)
    return _page(request, "inquiries.html", "inquiries", inquiries=rows)


@router.post("/inquiries")
def add_inquiry(
    request: Request, services: ServicesDep, denied: Denied, vendor_item_id: Text = "", content: Text = ""
) -> Response:
    if denied is not None:
        return denied

    def ask() -> str:
        body = InquiryCreate.model_validate({"vendorItemId": vendor_item_id.strip(), "content": content})
        created = inquiry_ops.add_inquiry(services, body.vendor_item_id, body.content)
        return f"Inquiry {created['inquiryId']} added on vendorItemId {created['vendorItemId']}."

    return _act("/inquiries", ask)


# --- clock ------------------------------------------------------------------------------------


@router.get("/clock")
def clock_page(request: Request, services: ServicesDep, denied: Denied) -> Response:
    if denied is not None:
        return denied
    return _page(
        request, "clock.html", "clock", clock=ops.get_clock(services), review_mode=services.settings.review_mode
    )


@router.post("/clock/advance")
def advance_clock(request: Request, services: ServicesDep, denied: Denied, seconds: Text = "") -> Response:
    if denied is not None:
        return denied

    def advance() -> str:
        try:
            amount = float(seconds)
        except ValueError:
            raise Invalid(f"seconds[{seconds}]: a number of seconds is required.") from None
        clock = ops.advance_clock(services, amount)
        return f"Sandbox time is now {clock['now']} KST ({clock['settledReviews']} delayed reviews settled)."

    return _act("/clock", advance)
