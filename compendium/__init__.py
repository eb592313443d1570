"""Compendium on international legal cooperation in trafficking-in-persons cases (ASEAN)."""
