from django.urls import path

from . import views

urlpatterns = [
    path("coordinators/", views.coordinator_designations, name="coordinator_designations"),
    path("rosters/", views.roster_list, name="roster_list"),
    path("rosters/<slug:slug>/", views.roster_detail, name="roster_detail"),
    path("rosters/<slug:slug>/add/", views.roster_add, name="roster_add"),
    path("rosters/<slug:slug>/entries/<int:pk>/remove/", views.roster_remove,
         name="roster_remove"),
    path("rosters/<slug:slug>/approve/", views.roster_approve, name="roster_approve"),
    path("roster-entries/<int:pk>/answer/", views.roster_consent, name="roster_consent"),
    path("roster-orders/<int:pk>/pdf/", views.roster_order_pdf, name="roster_order_pdf"),
    path("preferences/", views.preferences, name="protege_preferences"),
    path("seminars/", views.seminar_list, name="seminar_list"),
    path("seminars/<int:pk>/", views.seminar_detail, name="seminar_detail"),
]
