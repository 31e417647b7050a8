"""Thin views: parse input, call a service or a query, render. One module per
part of the Regulation; `programs/urls.py` names them."""
