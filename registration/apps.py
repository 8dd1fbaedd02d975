from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = "Registration"

    def ready(self) -> None:
        # shops/ stands below registration and can't call it: an owner's
        # approval reaches the account's activation through its signal.
        from audit.labels import register_action_labels
        from shops.signals import shop_link_approved

        from .activation import on_shop_link_approved
        from .audit_actions import LABELS

        register_action_labels(LABELS)

        shop_link_approved.connect(on_shop_link_approved, dispatch_uid="registration.activation")
