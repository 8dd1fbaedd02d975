"""A Tokopedia Open API client as a partner writes one from the documentation:
requests, a base URL, Basic auth for the token, Bearer for the rest, and
every answer read strictly into the documented objects. Only BASE changes
between Tokopedia and the sandbox."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

import requests

from . import objects as o
from .typed import _value, parse


class ApiError(Exception):
    def __init__(self, status: int, header: o.Header) -> None:
        super().__init__(f"{status} {header.error_code}: {header.reason}")
        self.status, self.header = status, header


@dataclass
class TokopediaClient:
    base: str
    client_id: str
    client_secret: str
    fs_id: int
    session: requests.Session = field(default_factory=requests.Session)
    token: o.Token | None = None

    def authenticate(self) -> o.Token:
        basic = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        # As the authentication guide shows it: grant_type in the query, no body.
        answer = self.session.post(
            f"{self.base}/token?grant_type=client_credentials",
            headers={"Authorization": f"Basic {basic}", "Content-Length": "0"},
            timeout=20,
        )
        answer.raise_for_status()
        self.token = parse(o.Token, answer.json())
        return self.token

    def _call(self, kind: Any, method: str, path: str, **kwargs: Any) -> Any:
        assert self.token is not None, "authenticate() first"
        headers = {"Authorization": f"Bearer {self.token.access_token}"}
        answer = self.session.request(method, f"{self.base}{path}", headers=headers, timeout=20, **kwargs)
        body = answer.json()
        header = parse(o.Header, body["header"], "$.header")
        if answer.status_code != 200:
            raise ApiError(answer.status_code, header)
        return _value(kind, body["data"], "$.data")

    # Shop API
    def shop_info(self, shop_id: int | None = None) -> list[o.ShopInfo]:
        params = {"shop_id": shop_id} if shop_id else {}
        return self._call(list[o.ShopInfo], "GET", f"/v1/shop/fs/{self.fs_id}/shop-info", params=params)

    # Product API
    def products(self, **query: Any) -> list[o.Product]:
        return self._call(list[o.Product], "GET", f"/inventory/v1/fs/{self.fs_id}/product/info", params=query)

    def update_stock(self, shop_id: int, rows: list[dict[str, Any]]) -> o.StockResult:
        path = f"/inventory/v1/fs/{self.fs_id}/stock/update?shop_id={shop_id}"
        return self._call(o.StockResult, "POST", path, json=rows)

    def update_price(self, shop_id: int, rows: list[dict[str, Any]]) -> o.PriceResult:
        path = f"/inventory/v1/fs/{self.fs_id}/price/update?shop_id={shop_id}"
        return self._call(o.PriceResult, "POST", path, json=rows)

    # Order API
    def orders(self, **query: Any) -> list[o.Order]:
        return self._call(list[o.Order], "GET", "/v2/order/list", params={"fs_id": self.fs_id, **query})

    def order(self, **query: Any) -> o.SingleOrder:
        return self._call(o.SingleOrder, "GET", f"/v2/fs/{self.fs_id}/order", params=query)

    def ack(self, order_id: int) -> str:
        return self._call(str, "POST", f"/v1/order/{order_id}/fs/{self.fs_id}/ack")

    def nack(self, order_id: int, body: dict[str, Any]) -> str:
        return self._call(str, "POST", f"/v1/order/{order_id}/fs/{self.fs_id}/nack", json=body)

    def request_pickup(self, order_id: int, shop_id: int) -> o.Pickup:
        body = {"order_id": order_id, "shop_id": shop_id}
        return self._call(o.Pickup, "POST", f"/inventory/v1/fs/{self.fs_id}/pick-up", json=body)

    def confirm_shipping(self, order_id: int, shipping_ref_num: str) -> str:
        body = {"order_status": 500, "shipping_ref_num": shipping_ref_num}
        return self._call(str, "POST", f"/v1/order/{order_id}/fs/{self.fs_id}/status", json=body)

    def shipping_label(self, order_id: int) -> str:
        assert self.token is not None
        answer = self.session.get(
            f"{self.base}/v1/order/{order_id}/fs/{self.fs_id}/shipping-label?printed=0",
            headers={"Authorization": f"Bearer {self.token.access_token}"},
            timeout=20,
        )
        answer.raise_for_status()
        return answer.text

    def whitelist(self) -> o.Whitelist:
        return self._call(o.Whitelist, "GET", f"/v1/fs/{self.fs_id}/whitelist")
