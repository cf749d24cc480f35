#!/usr/bin/python3
"""Runs the reference Python client's CLI (renault-api, its `renault-api`
console script = renault_api.cli.__main__:main) against carport-simulator,
for bench/reference-bench.

Nothing in the reference's files is changed: this wrapper only replaces, in
memory, the locale configuration of one locale (renault_api.const
AVAILABLE_LOCALES[locale], the dict that renault_api.helpers.get_api_keys
returns) with the simulator's URLs and API keys, then calls the click main
with sys.argv, exactly as the console script would.

Environment:
  CARPORT_RENAULT_GIGYA_URL     e.g. http://127.0.0.1:PORT/gigya   (required)
  CARPORT_RENAULT_KAMEREON_URL  e.g. http://127.0.0.1:PORT/kamereon (required)
  REF_LOCALE                    locale to override (default fr_FR)
  REF_GIGYA_APIKEY              Gigya key to send (default: the EU key in force
                                since May 2026, docs/api-renault.md a.4: older
                                releases carry an earlier key, which the
                                simulator refuses as Renault does)
  REF_KAMEREON_APIKEY           Kamereon key (default: the client's own)
  RENAULT_API_SRC               the folder that holds renault_api/ (required:
                                a checkout's src/, or site-packages)
"""
import os
import sys

sys.path.insert(0, os.environ["RENAULT_API_SRC"])

from renault_api import const  # noqa: E402

locale = os.environ.get("REF_LOCALE", "fr_FR")
details = const.AVAILABLE_LOCALES[locale]
details[const.CONF_GIGYA_URL] = os.environ["CARPORT_RENAULT_GIGYA_URL"]
details[const.CONF_KAMEREON_URL] = os.environ["CARPORT_RENAULT_KAMEREON_URL"]
details[const.CONF_GIGYA_APIKEY] = os.environ.get(
    "REF_GIGYA_APIKEY", "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N"
)
details[const.CONF_KAMEREON_APIKEY] = os.environ.get(
    "REF_KAMEREON_APIKEY", details[const.CONF_KAMEREON_APIKEY]
)

from renault_api.cli.__main__ import main  # noqa: E402

if __name__ == "__main__":
    main(prog_name="renault-api")
