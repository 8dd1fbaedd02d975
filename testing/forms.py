"""Testing Account's forms: what a person picks, checked before a service runs."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sandbox.models import SandboxProduct
from sandbox.services import CANCEL_REASONS

from .models import Scenario, SellerShop
from .services import MAX_BATCH, MAX_QUANTITY
from .steps import REJECT_REASONS, STEPS

LINES = 3  # product lines an order form offers


def _product_choices(products: list[SandboxProduct], *, blank: str) -> list[Any]:
    """Products grouped by test shop, for a <select> with an <optgroup> per shop."""
    choices: list[Any] = [("", blank)]
    for shop, rows in groupby(products, key=lambda product: product.shop):
        choices.append(
            (
                shop.name,
                [(product.product_id, f"{product.name} · Rp{product.price:,} · {product.sku}") for product in rows],
            )
        )
    return choices


class OrdersForm(forms.Form):
    """Test orders: up to three products of one test shop, with quantities, and how many such orders."""

    count = forms.IntegerField(
        label=_("Number of orders"),
        min_value=1,
        max_value=MAX_BATCH,
        initial=1,
        help_text=format_lazy(
            _("1 to {count} identical orders, each firing its own order notification."), count=MAX_BATCH
        ),
    )

    def __init__(self, *args: Any, products: list[SandboxProduct], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.products = {product.product_id: product for product in products}
        choices = _product_choices(products, blank=gettext("Choose a product"))
        for line in range(1, LINES + 1):
            self.fields[f"product_{line}"] = forms.TypedChoiceField(
                label=gettext("Product {line}").format(line=line),
                choices=choices,
                coerce=int,
                required=line == 1,
                empty_value=None,
            )
            self.fields[f"quantity_{line}"] = forms.IntegerField(
                label=gettext("Quantity {line}").format(line=line),
                min_value=1,
                max_value=MAX_QUANTITY,
                initial=1,
                required=line == 1,
            )
        self.order_fields(["product_1", "quantity_1", "product_2", "quantity_2", "product_3", "quantity_3", "count"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = []
        for line in range(1, LINES + 1):
            product_id, quantity = cleaned.get(f"product_{line}"), cleaned.get(f"quantity_{line}")
            if product_id is None:
                continue
            if not quantity:
                self.add_error(f"quantity_{line}", gettext("Enter a quantity for this product."))
                continue
            lines.append((product_id, quantity))
        shops = {self.products[product_id].shop_id for product_id, _ in lines if product_id in self.products}
        if len(shops) > 1:
            raise forms.ValidationError(_("An order comes from one shop: choose products of the same test shop."))
        cleaned["lines"] = lines
        return cleaned

    def shop_id(self) -> int:
        product_id = self.cleaned_data["lines"][0][0]
        return self.products[product_id].shop_id


class StepForm(forms.Form):
    step = forms.ChoiceField(choices=[(name, step.label) for name, step in STEPS.items()], widget=forms.HiddenInput)
    shipping_ref_num = forms.CharField(
        label=_("Shipping reference number (AWB)"),
        required=False,
        max_length=100,
        help_text=_("Empty: the sandbox makes one up."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    reason_code = forms.TypedChoiceField(
        label=_("Reason"),
        choices=list(REJECT_REASONS.items()),
        coerce=int,
        required=False,
        empty_value=1,  # type: ignore[arg-type]
    )
    buyer_reason_code = forms.TypedChoiceField(
        label=_("The buyer's reason"),
        choices=list(CANCEL_REASONS.items()),
        coerce=int,
        required=False,
        empty_value=1,  # type: ignore[arg-type]
    )

    def params(self) -> dict[str, Any]:
        step = self.cleaned_data["step"]
        if step == "ship":
            return {"shipping_ref_num": self.cleaned_data["shipping_ref_num"].strip()}
        if step == "nack":
            return {"reason_code": self.cleaned_data["reason_code"]}
        if step == "cancel_request":
            return {"reason_code": self.cleaned_data["buyer_reason_code"]}
        return {}


class ScenarioForm(forms.Form):
    kind = forms.ChoiceField(choices=Scenario.Kind.choices, widget=forms.HiddenInput)


def _seller_choices(sellers: list[SellerShop]) -> list[tuple[int, str]]:
    return [(seller.number, f"{seller.shop.name} ({seller.shop.shop_id})") for seller in sellers]


class ChatForm(forms.Form):
    shop = forms.TypedChoiceField(label=_("Test shop"), coerce=int)
    message = forms.CharField(
        label=_("The buyer's message"), max_length=1000, initial="Halo, apakah barang ini masih tersedia?"
    )

    def __init__(self, *args: Any, sellers: list[SellerShop], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shop"].choices = _seller_choices(sellers)  # type: ignore[attr-defined]


class ProductCreateForm(forms.Form):
    shop = forms.TypedChoiceField(label=_("Test shop"), coerce=int)

    def __init__(self, *args: Any, sellers: list[SellerShop], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shop"].choices = _seller_choices(sellers)  # type: ignore[attr-defined]


class ProductChangeForm(forms.Form):
    product = forms.TypedChoiceField(label=_("Product"), coerce=int)
    price = forms.IntegerField(label=_("New price (Rp)"), min_value=100, max_value=1_000_000_000, required=False)
    stock = forms.IntegerField(label=_("New stock"), min_value=0, max_value=1_000_000, required=False)

    def __init__(self, *args: Any, products: list[SandboxProduct], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = _product_choices(products, blank=gettext("Choose a product"))  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("price") is None and cleaned.get("stock") is None and not self.errors:
            raise forms.ValidationError(_("Give the product a new price, a new stock, or both."))
        return cleaned


class CampaignForm(forms.Form):
    product = forms.TypedChoiceField(label=_("Product"), coerce=int)
    discount = forms.IntegerField(label=_("Discount (%)"), min_value=1, max_value=99, initial=10)

    def __init__(self, *args: Any, products: list[SandboxProduct], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = _product_choices(products, blank=gettext("Choose a product"))  # type: ignore[attr-defined]


EVENT_FORMS: dict[str, type[forms.Form]] = {
    "chat_notification": ChatForm,
    "product_creation": ProductCreateForm,
    "product_changes": ProductChangeForm,
    "campaign_notification": CampaignForm,
}
