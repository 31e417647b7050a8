from django.urls import path

from . import views

urlpatterns = [
    path("", views.court_list, name="court_list"),
    path("<int:pk>/", views.court_detail, name="court_detail"),
    path("judges/", views.judge_list, name="judge_list"),
    path("judges/<int:pk>/", views.judge_detail, name="judge_detail"),
    path("import/", views.import_reference, name="import_reference"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("history/<str:model>/<int:pk>/", views.record_history, name="record_history"),
]
