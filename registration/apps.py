from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = "Registration"

    def ready(self) -> None:
        # shops/ stands below registration and can't call it: an owner's
        # approval reaches the account's activation through its signal.
        from shops.signals import shop_link_approved

        from .activation import on_shop_link_approved

        shop_link_approved.connect(on_shop_link_approved, dispatch_uid="registration.activation")
