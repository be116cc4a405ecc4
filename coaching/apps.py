from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"

    def ready(self):
        # A person's own data holds their CSV files as their coach downloads them; accounts,
        # below this app, is handed the writers rather than importing them.
        from accounts.data_export import csv_part_register
        from coaching.csv_files import sets_csv, strength_tests_csv

        csv_part_register(sets_csv)
        csv_part_register(strength_tests_csv)
