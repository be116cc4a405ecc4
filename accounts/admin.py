from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Membership, Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_coach", "is_staff"]
    list_filter = ["is_coach", "is_staff", "is_active"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Training", {"fields": ["is_coach", "units", "timezone", "body_mass_kg"]}),
        ("Mail", {"fields": ["mail_messages", "mail_flag_digest", "mail_training_reminder"]}),
    ]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["athlete"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "coach", "created_at"]
    search_fields = ["name", "coach__username"]
    autocomplete_fields = ["coach"]
    inlines = [MembershipInline]
