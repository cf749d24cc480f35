#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Acceptance check: the independent renault-api client against carport-simulator.

Usage: renault_api_acceptance.py PATH/TO/carport-simulator

Only the URLs of renault-api's locale configuration are changed. If the
renault_api package (and aiohttp) cannot be imported, the check is skipped
with exit status 77, which meson reports as SKIP.
"""

import asyncio
import json
import subprocess
import sys

try:
    import aiohttp
    from renault_api import const
    from renault_api.renault_client import RenaultClient
except ImportError as error:  # pragma: no cover - the usual case here
    print(f"SKIP: renault_api is not importable ({error})")
    sys.exit(77)

LOCALE = "fr_FR"
VIN = "VF1X102VE00000002"   # the ZOE phase 2 of the demo scenario


async def run(info):
    env = info["env"]
    account_info = info["accounts"][0]
    details = dict(const.AVAILABLE_LOCALES[LOCALE])
    details[const.CONF_GIGYA_URL] = env["CARPORT_RENAULT_GIGYA_URL"]
    details[const.CONF_KAMEREON_URL] = env["CARPORT_RENAULT_KAMEREON_URL"]

    async with aiohttp.ClientSession() as websession:
        client = RenaultClient(websession=websession, locale=LOCALE, locale_details=details)
        await client.session.login(account_info["email"], account_info["password"])

        person = await client.get_person()
        accounts = [a for a in person.accounts if a.accountType == "MYRENAULT"]
        assert accounts, "no MYRENAULT account"
        account = await client.get_api_account(accounts[0].accountId)

        vehicles = await account.get_vehicles()
        vins = [link.vin for link in vehicles.vehicleLinks]
        assert VIN in vins, vins
        print(f"vehicles: {vins}")

        vehicle = await account.get_api_vehicle(VIN)
        battery = await vehicle.get_battery_status()
        assert battery.batteryLevel is not None
        print(f"battery: {battery.batteryLevel} %, plug {battery.plugStatus}, charging {battery.chargingStatus}")

        for name, call in (
            ("hvac start", lambda: vehicle.set_ac_start(21.0)),
            ("hvac cancel", vehicle.set_ac_stop),
            ("charge start", vehicle.set_charge_start),
            ("charge stop", vehicle.set_charge_stop),
        ):
            result = await call()
            print(f"{name}: {result.raw_data}")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    simulator = subprocess.Popen(
        [sys.argv[1], "--port", "0", "--command-delay-ms", "100"],
        stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(simulator.stdout.readline())
        asyncio.run(run(info))
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    print("renault-api works against the simulator")
    return 0


if __name__ == "__main__":
    sys.exit(main())
