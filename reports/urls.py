from django.urls import path

from . import views

urlpatterns = [
    path("annual/", views.annual_list, name="annual_list"),
    path("annual/contributions/", views.annual_contribution, name="annual_contribution"),
    path("annual/<int:pk>/", views.annual_report_detail, name="annual_report_detail"),
    path("annual/<int:pk>/pdf/", views.annual_report_pdf, name="annual_report_pdf"),
    path("annual/<int:pk>/xlsx/", views.annual_report_xlsx, name="annual_report_xlsx"),
]
