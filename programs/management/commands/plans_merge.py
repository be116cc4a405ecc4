"""`manage.py plans_merge --coach <username> [--team <id>] [--apply]`: a coach's identical
plans for one team (the groups of one migration 0016 made of the copies from before plans
were shared, among others) merged into one shared plan (`programs.plans_merge`). Without
--apply it only prints what it would merge and why the other plans stay apart."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Team, User
from programs.plans_merge import NotMergeable, merge_plan, plans_merge


class Command(BaseCommand):
    help = (
        "Merge a coach's plans that are one plan in all but name: for the same team, from the "
        "same template, starting the same day with the same maintenance dose, with identical "
        "programs. Logged history moves with each athlete. Prints what it would do unless "
        "--apply is given; each set of plans is merged in a transaction of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument("--coach", required=True, help="The coach's username.")
        parser.add_argument("--team", type=int, help="Only this team of the coach's (its id).")
        parser.add_argument(
            "--apply", action="store_true", help="Merge (without it: a dry run, nothing changes)."
        )

    def handle(self, *args, coach: str, team: int | None, apply: bool, **options):
        person = User.objects.filter(username=coach, staff__is_active=True).first()
        if person is None:
            raise CommandError(f"No coach has the username {coach!r}.")
        squad = None
        if team is not None:
            squad = Team.objects.for_coach(person).filter(pk=team).first()
            if squad is None:
                raise CommandError(f"Team {team} is not one of {coach}'s teams.")
        plan = merge_plan(coach=person, team=squad)
        for merge in plan.merges:
            merged = ", ".join(candidate.label for candidate in merge.merged)
            into = f"{merged} into {merge.kept.label}: {merge.describe()}"
            if not apply:
                self.stdout.write(f"Would merge {into}.")
                continue
            try:
                plans_merge(coach=person, merge=merge)
            except NotMergeable as error:
                self.stdout.write(f"Not merged after all ({merge.describe()}): {error}.")
            else:
                self.stdout.write(f"Merged {into}.")
        if not plan.merges:
            self.stdout.write("Nothing to merge.")
        if plan.apart:
            self.stdout.write("Left apart:")
            for apart in plan.apart:
                self.stdout.write(f"  {apart.candidate.label}: {apart.reason}.")
        if plan.merges and not apply:
            self.stdout.write("Dry run: nothing changed. Run it again with --apply to merge.")
