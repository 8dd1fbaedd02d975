from django.apps import AppConfig


class AppsMgmtConfig(AppConfig):
    name = "apps_mgmt"
    verbose_name = "Apps management"
