#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Acceptance check: the independent renault-api client against carport-simulator.

Usage: renault_api_acceptance.py PATH/TO/carport-simulator

renault-api (github.com/hacf-fr/renault-api) is not a dependency of Carport and is never
copied into it. It is found like any Python package (installed, or through PYTHONPATH), or
in a source checkout named by RENAULT_API_SRC: the checkout itself (its src/ is used) or
the directory that holds renault_api/. It needs aiohttp, PyJWT and marshmallow-dataclass
(Debian: python3-aiohttp python3-jwt python3-marshmallow-dataclass), so run it with a
python3 that has them:

    RENAULT_API_SRC=~/src/renault-api /usr/bin/python3 \\
        tests/sim/renault_api_acceptance.py _build/src/sim/carport-simulator

If renault_api or aiohttp cannot be imported, the check is skipped with exit status 77,
which meson reports as SKIP (the usual case in CI, which has no PyPI). meson passes the
environment through, so RENAULT_API_SRC=… meson test -C _build sim-renault-api-acceptance
runs it, provided the python3 that meson found has those modules.

What runs, all through renault-api's own calls: login, the person and its MYRENAULT
account, the vehicle list; on the ZOE phase 2 (X102VE) its details, car adapter, contracts
and the reads the protocol notes give that model (docs/api-renault.md §c.5: battery-status,
cockpit, location, hvac-status, hvac-settings, charging-settings, charges; charge-mode must
be refused); then climate start and cancel and charge start and stop on it, each checked in
its answer and in the car's state read back. set_charge_start() and set_charge_stop() also
run as shipped on the ZOE phase 1 (KCA path) and the Spring (KCM pause-resume); both are
unplugged in the demo scenario, so only their answers are checked.

Only the URLs of renault-api's locale configuration are changed, with two allowances for
renault-api releases older than the protocol notes, each printed when it is used:
- API keys: a release from before the May 2026 key rotation (§a.4) ships keys that the
  real servers, like the simulator, refuse (Gigya 403042). The current keys of §a.4 are
  given then, as a current release has them.
- The ZOE phase 2 stops charging through KCM charge/pause-resume (§c.4, §c.5). A release
  without per-model endpoints sends the KCA stop, which that car refuses; the same
  pause-resume call is then made through renault-api's session.set_vehicle_action, as such
  a release does for the Spring.
"""

import asyncio
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta

_src = os.environ.get("RENAULT_API_SRC")
if _src:
    _src = os.path.expanduser(_src)
    if os.path.isdir(os.path.join(_src, "src", "renault_api")):
        _src = os.path.join(_src, "src")
    sys.path.insert(0, _src)

try:
    import aiohttp
    import renault_api
    from renault_api import const
    from renault_api.kamereon.enums import ChargeState, PlugState
    from renault_api.kamereon.exceptions import KamereonResponseException
    from renault_api.renault_client import RenaultClient
except ImportError as error:  # pragma: no cover - the usual case here
    print(f"SKIP: renault_api is not importable ({error})")
    sys.exit(77)

LOCALE = "fr_FR"
ZOE2 = "VF1X102VE00000002"     # ZOE phase 2 of the demo scenario: plugged, not charging
ZOE1 = "VF1X101VE00000001"     # ZOE phase 1: KCA charge start and stop
SPRING = "UU1XBG1VE00000004"   # Dacia Spring: KCM charge/pause-resume

# docs/api-renault.md §a.4: the keys in force since the May 2026 rotation.
CURRENT_KEYS = {
    const.CONF_GIGYA_APIKEY: "3_VgdkgtIRH3AdHvJm-cjV2ug2EFE0lxt0IJzMC4MFqZjFpn_GYFXVdNZ19L7wZX0N",
    const.CONF_KAMEREON_APIKEY: "YjkKtHmGfaceeuExUDKGxrLZGGvtVS0J",
}

TIMEOUT = 10.0   # seconds for a command to show in the car's state


def describe_renault_api():
    try:
        from importlib.metadata import version
        release = version("renault-api")
    except Exception:
        release = getattr(renault_api, "__version__", "(release unknown)")
    return f"renault-api {release} from {os.path.dirname(renault_api.__file__)}"


def locale_details(env):
    details = dict(const.AVAILABLE_LOCALES[LOCALE])
    if any(details.get(key) != value for key, value in CURRENT_KEYS.items()):
        print("note: this renault-api ships API keys from before the May 2026 rotation "
              "(docs §a.4); using the current ones")
        details.update(CURRENT_KEYS)
    details[const.CONF_GIGYA_URL] = env["CARPORT_RENAULT_GIGYA_URL"]
    details[const.CONF_KAMEREON_URL] = env["CARPORT_RENAULT_KAMEREON_URL"]
    return details


async def wait_for(what, read, accept):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while True:
        value = await read()
        if accept(value):
            return value
        if loop.time() >= deadline:
            raise AssertionError(f"{what}: still {value!r} after {TIMEOUT:g} s")
        await asyncio.sleep(0.1)


def check_answer(name, attributes, **expected):
    assert attributes is not None, f"{name}: no attributes in the answer"
    for key, value in expected.items():
        assert attributes.get(key) == value, f"{name}: answer {attributes}, expected {expected}"
    print(f"{name}: {attributes}")


async def read_zoe2(vehicle):
    details = await vehicle.get_details()
    assert details.get_model_code() == "X102VE", details.get_model_code()
    assert details.uses_electricity()
    adapter = await vehicle.get_car_adapter()
    assert (adapter.vin, adapter.modelCodeDetail) == (ZOE2, "X102VE"), adapter.raw_data
    contracts = await vehicle.get_contracts()
    assert contracts and all(contract.type for contract in contracts), contracts
    print(f"details: {details.get_brand_label()} {details.get_model_label()} "
          f"({details.get_model_code()}, gateway {adapter.carGateway}), {len(contracts)} contracts")

    battery = await vehicle.get_battery_status()
    assert 0 <= battery.batteryLevel <= 100, battery.raw_data
    assert battery.batteryAutonomy is not None and battery.batteryAutonomy > 0, battery.raw_data
    assert battery.get_plug_status() == PlugState.PLUGGED, battery.raw_data
    assert battery.get_charging_status() == ChargeState.NOT_IN_CHARGE, battery.raw_data
    print(f"battery: {battery.batteryLevel} %, {battery.batteryAutonomy} km, "
          f"plug {battery.get_plug_status().name}, {battery.get_charging_status().name}")

    cockpit = await vehicle.get_cockpit()
    assert cockpit.totalMileage is not None and cockpit.totalMileage > 0, cockpit.raw_data
    print(f"cockpit: {cockpit.totalMileage} km")

    location = await vehicle.get_location()
    assert -90 <= location.gpsLatitude <= 90 and -180 <= location.gpsLongitude <= 180, \
        location.raw_data
    assert location.lastUpdateTime, location.raw_data
    print(f"location: {location.gpsLatitude}, {location.gpsLongitude} "
          f"at {location.lastUpdateTime}")

    hvac = await vehicle.get_hvac_status()
    assert hvac.hvacStatus == "off", hvac.raw_data
    print(f"hvac-status: {hvac.raw_data}")

    hvac_settings = await vehicle.get_hvac_settings()
    assert hvac_settings.mode and hvac_settings.schedules, hvac_settings.raw_data
    print(f"hvac-settings: mode {hvac_settings.mode}, {len(hvac_settings.schedules)} schedules")

    charging = await vehicle.get_charging_settings()
    assert charging.mode in ("always", "delayed", "scheduled"), charging.raw_data
    assert charging.schedules and all(s.id for s in charging.schedules), charging.raw_data
    print(f"charging-settings: mode {charging.mode}, {len(charging.schedules)} schedules")

    now = datetime.now()
    charges = await vehicle.get_charges(now - timedelta(days=30), now)
    assert isinstance(charges.raw_data.get("charges"), list), charges.raw_data
    print(f"charges: {len(charges.raw_data['charges'])} in the last 30 days")

    # §c.5: charge-mode is "marked unsupported" on the X102VE.
    try:
        mode = await vehicle.get_charge_mode()
    except KamereonResponseException as error:
        print(f"charge-mode: refused as for the real X102VE ({error.error_code})")
    else:
        raise AssertionError(f"charge-mode answered on the ZOE phase 2: {mode}")


async def hvac_start_cancel(vehicle):
    async def hvac_status():
        return (await vehicle.get_hvac_status()).hvacStatus

    result = await vehicle.set_ac_start(21.0)
    check_answer("hvac start", result.raw_data, action="start", targetTemperature=21.0)
    await wait_for("hvac-status after the start", hvac_status, lambda s: s == "on")

    result = await vehicle.set_ac_stop()
    assert result.raw_data.get("action") in ("cancel", "stop"), result.raw_data
    check_answer("hvac cancel", result.raw_data)
    await wait_for("hvac-status after the cancel", hvac_status, lambda s: s == "off")
    print("hvac-status went on, then off")


async def stop_zoe2_charge(vehicle):
    details = await vehicle.get_details()
    get_endpoint = getattr(details, "get_endpoint", None)
    endpoint = get_endpoint("actions/charge-stop") if get_endpoint else None
    if endpoint is not None and "/kca/" not in endpoint.endpoint:
        return (await vehicle.set_charge_stop()).raw_data

    print("note: this renault-api has no per-model endpoint for the ZOE phase 2 charge stop, "
          "so set_charge_stop() would send the KCA stop that this car refuses (docs §c.4, "
          "§c.5); making the KCM pause-resume call through renault-api's session")
    response = await vehicle.session.set_vehicle_action(
        account_id=vehicle.account_id,
        vin=vehicle.vin,
        endpoint="charge/pause-resume",
        attributes={"action": "pause"},
        adapter_type="kcm",
    )
    assert response.data is not None and response.data.type == "ChargePauseResume", \
        response.raw_data
    return response.data.attributes


async def charge_start_stop(vehicle):
    async def charging_status():
        return (await vehicle.get_battery_status()).get_charging_status()

    result = await vehicle.set_charge_start()
    check_answer("charge start", result.raw_data, action="start")
    await wait_for("chargingStatus after the start", charging_status,
                   lambda s: s == ChargeState.CHARGE_IN_PROGRESS)

    attributes = await stop_zoe2_charge(vehicle)
    check_answer("charge stop", attributes)
    await wait_for("chargingStatus after the stop", charging_status,
                   lambda s: s == ChargeState.NOT_IN_CHARGE)
    print("chargingStatus went CHARGE_IN_PROGRESS, then NOT_IN_CHARGE")


async def charge_as_shipped(vehicle, start_action, stop_action):
    result = await vehicle.set_charge_start()
    check_answer(f"{vehicle.vin} set_charge_start()", result.raw_data, action=start_action)
    result = await vehicle.set_charge_stop()
    check_answer(f"{vehicle.vin} set_charge_stop()", result.raw_data, action=stop_action)


async def run(info):
    env = info["env"]
    account_info = info["accounts"][0]

    async with aiohttp.ClientSession() as websession:
        client = RenaultClient(websession=websession, locale=LOCALE,
                               locale_details=locale_details(env))
        await client.session.login(account_info["email"], account_info["password"])

        person = await client.get_person()
        types = sorted(account.accountType for account in person.accounts)
        accounts = [a for a in person.accounts if a.accountType == "MYRENAULT"]
        assert accounts, f"no MYRENAULT account in {types}"
        api_accounts = await client.get_api_accounts()
        assert sorted(a.account_id for a in api_accounts) == \
            sorted(a.accountId for a in person.accounts)
        print(f"accounts: {types}")
        account = await client.get_api_account(accounts[0].accountId)

        vehicles = await account.get_vehicles()
        vins = [link.vin for link in vehicles.vehicleLinks]
        assert {ZOE2, ZOE1, SPRING} <= set(vins), vins
        print(f"vehicles: {vins}")
        by_vin = {vehicle.vin: vehicle for vehicle in await account.get_api_vehicles()}
        assert sorted(by_vin) == sorted(vins), by_vin

        zoe2 = by_vin[ZOE2]
        await read_zoe2(zoe2)
        await hvac_start_cancel(zoe2)
        await charge_start_stop(zoe2)

        await charge_as_shipped(by_vin[ZOE1], "start", "stop")
        await charge_as_shipped(by_vin[SPRING], "resume", "pause")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.reconfigure(line_buffering=True)   # interleave with renault-api's warnings
    print(describe_renault_api())
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
