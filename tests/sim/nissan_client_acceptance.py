#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Acceptance check: an independent, public Nissan client against carport-simulator.

Usage: nissan_client_acceptance.py PATH/TO/carport-simulator [PATH/TO/carport-cli]

The client is the kamereon module of dan-r/HomeAssistant-NissanConnect
(custom_components/nissan_connect/kamereon/, the version with the MyNISSAN OneID login,
v0.8.x). It is not a dependency of Carport and is never copied into it. Name its source with
NISSAN_CLIENT_SRC: a checkout of that repository, its custom_components/nissan_connect/, or
any directory that holds kamereon/. The kamereon module does not import Home Assistant, so
nothing is stubbed. It needs requests and requests-oauthlib (Debian: python3-requests
python3-requests-oauthlib python3-oauthlib), so run it with a python3 that has them:

    NISSAN_CLIENT_SRC=~/src/HomeAssistant-NissanConnect /usr/bin/python3 \\
        tests/sim/nissan_client_acceptance.py _build/src/sim/carport-simulator \\
        _build/src/cli/carport-cli

Without NISSAN_CLIENT_SRC, or when the client or its dependencies cannot be imported, the
check is skipped with exit status 77, which meson reports as SKIP (the usual case in CI).

Only the client's EU host settings are changed at run time (SETTINGS_MAP['nissan']['EU']:
the login, bff-web, user-adapter, car-adapter, notifications and action-status URLs, from the
simulator's "env"); REQUESTS_CA_BUNDLE (and CURL_CA_BUNDLE) are set to the simulator's CA,
replacing whatever bundle the environment had. Everything else is the client's own code:

- login, and a second login with a wrong password that must raise the client's
  NissanAuthError;
- the user and the car list; every service the contract (docs nissan-sim.md) wants
  advertised somewhere in the demo account is ACTIVATED on some car;
- for each car the reads its services offer: battery (v1 car-adapter, or bff-web v3 for the
  Ariya and the Micra), cockpit (v1, falling back to v2), location, hvac status, lock status;
- then, where the services offer them: refresh (location and battery; their lastUpdateTime
  must move), climate start (hvac on) and stop (off), charge start (charging on a plugged
  car; refused by the car, through action-status, on an unplugged one), horn and lights;
- every command's action id is followed on the simulator's action-status host with the
  client's authenticated session (the client itself does not poll) until it is COMPLETED
  (or REJECTED for the unplugged charge start): the simulator's own record of the command;
- an expired access token: the client refreshes it through bff-web refresh-token;
- every car read again.

Then, when carport-cli is given and knows the Nissan brand, it logs in to the same account
(carport-cli login --brand nissan --email … --password-stdin) inside a private D-Bus session
with its own unlocked gnome-keyring and a temporary HOME, with the simulator's env exported,
and `carport-cli --json status --vin VIN` must agree with the client on the battery level,
the range and the odometer of every car (on the petrol car: the fuel range, which the client
takes from battery-status and Carport from the cockpit, and the litres). The simulator runs
with --command-delay-ms 100 and --charge-rate 0, so that a charging car's level stays put
between the two reads.

Each step prints a line; a "note:" line says where the check does something other than call
the client as shipped (the action-status polling, the forced token expiry) or when an extra,
uncontracted read fails (notifications).

Exit status: 0 success, 1 failure, 77 skipped.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 10.0          # seconds for a command to show in the car's state
COMMAND_DELAY_MS = 100  # PENDING -> COMPLETED in the simulator


def find_client():
    src = os.environ.get("NISSAN_CLIENT_SRC")
    if not src:
        print("SKIP: NISSAN_CLIENT_SRC is not set (the source of dan-r/HomeAssistant-NissanConnect)")
        sys.exit(77)
    src = os.path.expanduser(src)
    for candidate in (os.path.join(src, "custom_components", "nissan_connect"),
                      src, os.path.dirname(src.rstrip("/"))):
        if os.path.isfile(os.path.join(candidate, "kamereon", "kamereon.py")):
            sys.path.insert(0, candidate)
            break
    else:
        print(f"SKIP: no kamereon/kamereon.py under NISSAN_CLIENT_SRC={src}")
        sys.exit(77)
    try:
        import requests             # noqa: F401
        import requests_oauthlib    # noqa: F401
        import kamereon
    except ImportError as error:
        print(f"SKIP: the Nissan client is not importable ({error})")
        sys.exit(77)
    return kamereon


kamereon = find_client()
from kamereon import kamereon_const  # noqa: E402
from kamereon.kamereon import (  # noqa: E402
    ChargingStatus, Feature, HVACAction, LockStatus, NCISession, NissanAuthError, PluggedStatus,
)

# The client's EU settings that are hosts; the rest (client id, redirect URI, scopes, …) stay.
URL_SETTINGS = {
    "auth_base_url": "CARPORT_NISSAN_AUTH_URL",
    "user_base_url": "CARPORT_NISSAN_BFF_URL",
    "user_adapter_base_url": "CARPORT_NISSAN_USER_ADAPTER_URL",
    "car_adapter_base_url": "CARPORT_NISSAN_CAR_ADAPTER_URL",
    "notifications_base_url": "CARPORT_NISSAN_NOTIFICATIONS_URL",
    "action_status_base_url": "CARPORT_NISSAN_ACTION_STATUS_URL",
}

# docs nissan-sim.md: what the demo account must advertise so that every call is exercised.
REQUIRED_SERVICES = {"319", "12", "366", "299", "97", "2021"}

notes = []


def note(text):
    notes.append(text)
    print(f"note: {text}")


def step(text):
    print(text, flush=True)


def point_client_at(env, ca_file):
    settings = kamereon_const.SETTINGS_MAP["nissan"]["EU"]
    fixed = {k: v for k, v in settings.items() if k not in URL_SETTINGS}
    for key, variable in URL_SETTINGS.items():
        if variable in env:
            settings[key] = env[variable]
        elif key in ("auth_base_url", "user_base_url", "user_adapter_base_url",
                     "car_adapter_base_url"):
            raise AssertionError(f"the simulator prints no {variable}")
    assert {k: v for k, v in settings.items() if k not in URL_SETTINGS} == fixed
    os.environ["REQUESTS_CA_BUNDLE"] = ca_file
    os.environ["CURL_CA_BUNDLE"] = ca_file
    for variable in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        os.environ.pop(variable, None)
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    step(f"client settings: EU, login {settings['auth_base_url']}, client_id "
         f"{settings['client_id']}, redirect {settings['redirect_uri']}; CA {ca_file}")
    return settings


def wait_for(what, read, accept):
    deadline = time.monotonic() + TIMEOUT
    while True:
        value = read()
        if accept(value):
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"{what}: still {value!r} after {TIMEOUT:g} s")
        time.sleep(0.1)


def features(car):
    return {f.value for f in car.features}


# --- the simulator's own record of a command -----------------------------------------------

def action_id(answer, what, expected_type):
    assert isinstance(answer, dict) and "errors" not in answer, f"{what}: {answer}"
    data = answer.get("data") or {}
    assert data.get("type") == expected_type and data.get("id"), f"{what}: {answer}"
    return data["id"]


def action_status(session, settings, vin, ident):
    url = "{}v1/cars/{}/actions/status".format(settings["action_status_base_url"], vin)
    response = session.request("GET", url, params={"actionId": ident},
                               headers={"Content-Type": "application/vnd.api+json"})
    body = response.json()
    if response.status_code == 404:
        return "NOT-YET", body
    assert response.ok and "errors" not in body, \
        f"action-status {ident}: HTTP {response.status_code} {body}"
    return body["data"]["attributes"]["status"], body["data"]["attributes"]


def follow_action(session, settings, vin, ident, what, final=("COMPLETED",)):
    if not settings.get("action_status_base_url"):
        if not any("action-status" in text for text in notes):
            note("the simulator prints no CARPORT_NISSAN_ACTION_STATUS_URL; commands are "
                 "checked through the car's state only")
        return None
    status = wait_for(f"{what}: action-status of {ident}",
                      lambda: action_status(session, settings, vin, ident),
                      lambda s: s[0] in ("COMPLETED", "REJECTED", "FAILED", "CANCELLED"))
    assert status[0] in final, f"{what}: action {ident} ended {status}"
    return status


# --- reads ---------------------------------------------------------------------------------

def read_car(car, label):
    services = features(car)
    car.fetch_battery_status()
    battery = []
    if car.battery_level is not None:
        assert 0 <= car.battery_level <= 100, car.battery_level
        battery.append(f"{car.battery_level} %")
    rng = car.range_hvac_off if car.range_hvac_off is not None else car.range_hvac_on
    if rng is not None:
        assert rng >= 0, rng
        battery.append(f"range {car.range_hvac_off} km (hvac off) / {car.range_hvac_on} km (hvac on)")
    if "319" in services:
        assert car.battery_level is not None and rng is not None and rng > 0, \
            f"{car.vin}: an EV without level or range"
        assert car.battery_status_last_updated is not None, f"{car.vin}: no lastUpdateTime"
        battery.append(f"{car.plugged_in.name}, {car.charging.name}")
    step(f"{label} {car.vin} battery: {', '.join(battery) or 'nothing (not an EV)'}"
         f"{' (bff-web v3)' if (car.model_name or '').upper() in ('MICRA', 'ARIYA') else ''}")

    car.fetch_cockpit()
    assert car.total_mileage is not None and car.total_mileage > 0, car.total_mileage
    extra = f", fuel {car.fuel_quantity} l, fuel range {car.fuel_autonomy} km" \
        if car.fuel_quantity is not None else ""
    step(f"{label} {car.vin} cockpit ({car._cockpit_version}): {car.total_mileage} km{extra}")

    if "12" in services:
        car.fetch_location()
        lat, lon = car.location
        assert -90 <= lat <= 90 and -180 <= lon <= 180, car.location
        assert car.location_last_updated is not None
        step(f"{label} {car.vin} location: {lat}, {lon} at {car.location_last_updated.isoformat()}")

    if services & {"366", "307", "2042"}:
        car.fetch_hvac_status()
        assert car.hvac_status in (True, False), car.hvac_status
        step(f"{label} {car.vin} hvac: {'on' if car.hvac_status else 'off'}, outside "
             f"{car.external_temperature} °C, inside {car.internal_temperature} °C")

    if "2021" in services:
        car.fetch_lock_status()
        assert isinstance(car.lock_status, LockStatus), car.lock_status
        assert car.lock_status_last_updated is not None
        doors = ", ".join(f"{door.value} {state.value}" for door, state in car.door_status.items())
        step(f"{label} {car.vin} lock: {car.lock_status.value} ({doors})")


# --- commands ------------------------------------------------------------------------------

def refresh(session, settings, car):
    services = features(car)
    before_battery = car.battery_status_last_updated
    before_location = car.location_last_updated
    if "12" in services:
        ident = action_id(car.refresh_location(), "refresh-location", "RefreshLocation")
        follow_action(session, settings, car.vin, ident, "refresh-location")

        def location_time():
            car.fetch_location()
            return car.location_last_updated
        after = wait_for("location lastUpdateTime after the refresh", location_time,
                         lambda t: before_location is None or t > before_location)
        step(f"refresh-location {car.vin}: {ident} COMPLETED, location now of {after.isoformat()}")
    ident = action_id(car.refresh_battery_status(), "refresh-battery-status",
                      "RefreshBatteryStatus")
    follow_action(session, settings, car.vin, ident, "refresh-battery-status")
    if "319" in services:
        def battery_time():
            car.fetch_battery_status()
            return car.battery_status_last_updated
        after = wait_for("battery lastUpdateTime after the refresh", battery_time,
                         lambda t: before_battery is None or t > before_battery)
        step(f"refresh-battery-status {car.vin}: {ident} COMPLETED, battery now of "
             f"{after.isoformat()}")
    else:
        step(f"refresh-battery-status {car.vin}: {ident} COMPLETED")


def climate(session, settings, car):
    def hvac():
        car.fetch_hvac_status()
        return car.hvac_status

    ident = action_id(car.set_hvac_status(HVACAction.START, 21), "hvac-start start", "HvacStart")
    follow_action(session, settings, car.vin, ident, "hvac start")
    wait_for("hvac-status after the start", hvac, lambda on: on is True)
    step(f"hvac-start start {car.vin}: {ident} COMPLETED, hvac on, target "
         f"{car.next_target_temperature}")

    ident = action_id(car.set_hvac_status(HVACAction.STOP), "hvac-start stop", "HvacStart")
    follow_action(session, settings, car.vin, ident, "hvac stop")
    wait_for("hvac-status after the stop", hvac, lambda on: on is False)
    step(f"hvac-start stop {car.vin}: {ident} COMPLETED, hvac off")


def charge(session, settings, car):
    def charging():
        car.fetch_battery_status()
        return car.charging

    car.fetch_battery_status()
    plugged = car.plugged_in == PluggedStatus.PLUGGED
    before = car.charging
    ident = action_id(car.control_charging("start"), "charging-start", "ChargingStart")
    if plugged:
        follow_action(session, settings, car.vin, ident, "charge start")
        wait_for("charging status after the start", charging,
                 lambda s: s == ChargingStatus.CHARGING)
        step(f"charging-start {car.vin} (plugged, was {before.name}): {ident} COMPLETED, "
             f"{car.charging.name}")
    else:
        status = follow_action(session, settings, car.vin, ident, "charge start unplugged",
                               final=("REJECTED",))
        assert charging() == ChargingStatus.NOT_CHARGING, car.charging
        step(f"charging-start {car.vin} (unplugged): {ident} REJECTED by the car "
             f"(errorCode {status[1].get('errorCode') if status else '?'}), still "
             f"{car.charging.name}")


def horn_lights(session, settings, car):
    for target, expected in (("horn_lights", "horn and lights"), ("lights", "lights")):
        ident = action_id(car.control_horn_lights("start", target), f"horn-lights {target}",
                          "HornLights")
        follow_action(session, settings, car.vin, ident, f"horn-lights {target}")
        step(f"horn-lights {target} {car.vin}: {ident} COMPLETED ({expected})")


def expire_and_refresh(session, car):
    """Make the access token expired, as after its lifetime; the next read must refresh it."""
    note("token refresh: the client's access token is marked expired (expires_at in the past) "
         "instead of waiting for its lifetime; the refresh itself is the client's own code")
    oauth = session.oauth
    old = oauth.token["access_token"]
    oauth.token = dict(oauth.token, expires_at=time.time() - 60)
    car.fetch_cockpit()
    new = session.oauth.token["access_token"]
    assert new != old, "the client did not get a new access token"
    step("token refresh: an expired access token was refreshed through bff-web "
         "v1/oauth2/refresh-token; the read went through")


def notifications(car):
    """Not required by the contract (this client's Home Assistant side never calls it)."""
    try:
        messages = car.fetch_notifications()
    except Exception as error:  # noqa: BLE001 - reported, not fatal
        note(f"notifications (extra, not in the contract): the client cannot read them: "
             f"{type(error).__name__}: {error}")
    else:
        step(f"notifications {car.vin}: {len(messages)} messages")


# --- carport-cli ---------------------------------------------------------------------------

CLI_SESSION = r'''
set -eu
printf 'carport-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
printf '%s\n' "$NISSAN_PASSWORD" | "$CARPORT_CLI" login --brand nissan --email "$NISSAN_EMAIL" \
    --password-stdin >"$OUT/login.out" 2>"$OUT/login.err"
for vin in $VINS; do
  "$CARPORT_CLI" --json status --vin "$vin" >"$OUT/$vin.json" 2>"$OUT/$vin.err"
done
'''


def cli_knows_nissan(cli):
    result = subprocess.run([cli, "login", "--help"], capture_output=True, text=True,
                            timeout=30)
    return "nissan" in (result.stdout + result.stderr)


def run_cli(cli, info, account, vins):
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            note(f"carport-cli not checked: {tool} is missing")
            return None
    tmp = tempfile.mkdtemp(prefix="carport-nissan-accept.")
    try:
        env = {k: v for k, v in os.environ.items()
               if k not in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY")}
        for name in ("home", "runtime", "config", "data", "cache", "out"):
            os.makedirs(os.path.join(tmp, name), mode=0o700)
        env.update({
            "HOME": os.path.join(tmp, "home"), "XDG_RUNTIME_DIR": os.path.join(tmp, "runtime"),
            "XDG_CONFIG_HOME": os.path.join(tmp, "config"),
            "XDG_DATA_HOME": os.path.join(tmp, "data"),
            "XDG_CACHE_HOME": os.path.join(tmp, "cache"),
            "GSETTINGS_BACKEND": "memory", "OUT": os.path.join(tmp, "out"),
            "CARPORT_CLI": os.path.abspath(cli), "VINS": " ".join(vins),
            "NISSAN_EMAIL": account["email"], "NISSAN_PASSWORD": account["password"],
        })
        env.update(info["env"])
        if "CARPORT_NISSAN_CA_FILE" not in info["env"]:
            env["CARPORT_NISSAN_CA_FILE"] = info["ca_file"]
        result = subprocess.run(["dbus-run-session", "--", "sh", "-c", CLI_SESSION], env=env,
                                capture_output=True, text=True, timeout=120)
        out = os.path.join(tmp, "out")

        def text(name):
            path = os.path.join(out, name)
            return open(path, encoding="utf-8").read().strip() if os.path.exists(path) else ""

        if result.returncode != 0:
            raise AssertionError(
                f"carport-cli in its session exited {result.returncode}: {result.stderr.strip()}"
                f"\n  login: {text('login.out')} {text('login.err')}"
                + "".join(f"\n  {vin}: {text(vin + '.err')}" for vin in vins))
        step(f"carport-cli login --brand nissan --email {account['email']} --password-stdin: "
             f"{text('login.out') or 'ok'}")
        return {vin: json.loads(text(vin + ".json")) for vin in vins}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def compare_with_cli(cli, info, account, cars):
    if not cli_knows_nissan(cli):
        note(f"carport-cli ({cli}) has no Nissan login yet; its comparison is skipped")
        return
    vins = [car.vin for car in cars]
    statuses = run_cli(cli, info, account, vins)
    if statuses is None:
        return
    for car in cars:
        car.fetch_battery_status()
        car.fetch_cockpit()
        status = statuses[car.vin]
        assert status.get("vin") == car.vin and status.get("brand") == "nissan", status
        battery = status.get("battery") or {}
        cockpit = status.get("cockpit") or {}
        # Carport reads rangeHvacOff first, then rangeHvacOn; the client's v3 read puts
        # batteryAutonomy in range_hvac_on.
        rng = car.range_hvac_off if car.range_hvac_off is not None else car.range_hvac_on
        level = car.battery_level
        if level is None:
            assert battery.get("level_percent") is None, (car.vin, battery)
        else:
            assert battery.get("level_percent") == round(level), \
                f"{car.vin}: level carport-cli {battery.get('level_percent')} client {level}"
        assert cockpit.get("mileage_km") is not None and \
            abs(cockpit["mileage_km"] - car.total_mileage) < 0.05, \
            f"{car.vin}: odometer carport-cli {cockpit.get('mileage_km')} client {car.total_mileage}"
        errors = status.get("errors") or {}
        errors = f"; its errors: {errors}" if errors else ""
        if "319" in features(car):
            assert rng is not None and battery.get("range_km") is not None and \
                abs(battery["range_km"] - rng) < 0.5, \
                f"{car.vin}: range carport-cli {battery.get('range_km')} client {rng}"
            step(f"carport-cli --json status --vin {car.vin}: level {battery.get('level_percent')} %, "
                 f"range {battery.get('range_km')} km, odometer {cockpit.get('mileage_km')} km: "
                 f"as the client read them{errors}")
            continue
        # A fuel car: the client takes the range from battery-status (rangeHvacOn), Carport
        # from the cockpit (fuelAutonomy); both must be the simulator's one fuel range.
        cli_range = battery.get("range_km")
        if cli_range is None:
            cli_range = cockpit.get("fuel_range_km")
        if rng is not None or car.fuel_autonomy is not None:
            client_range = rng if rng is not None else car.fuel_autonomy
            assert cli_range is not None and abs(cli_range - client_range) < 0.5, \
                f"{car.vin}: range carport-cli {cli_range} client {client_range}"
        if car.fuel_quantity is not None:
            assert cockpit.get("fuel_litres") is not None and \
                abs(cockpit["fuel_litres"] - car.fuel_quantity) < 0.05, \
                f"{car.vin}: fuel carport-cli {cockpit.get('fuel_litres')} client {car.fuel_quantity}"
        step(f"carport-cli --json status --vin {car.vin} (fuel): no battery level, range "
             f"{cli_range} km (battery {battery.get('range_km')}, cockpit "
             f"{cockpit.get('fuel_range_km')}), {cockpit.get('fuel_litres')} l, odometer "
             f"{cockpit.get('mileage_km')} km: as the client read them{errors}")


# --- the run -------------------------------------------------------------------------------

def run(info, cli):
    env = info["env"]
    ca_file = env.get("CARPORT_NISSAN_CA_FILE") or info.get("ca_file")
    assert ca_file and os.path.exists(ca_file), f"no CA file in {info}"
    account = next(a for a in info["accounts"] if a["brand"] == "nissan")
    settings = point_client_at(env, ca_file)
    note("every command's action id is followed on the simulator's action-status host with "
         "the client's authenticated session (this client sends commands without polling)")

    session = NCISession("EU")
    session.login(account["email"], account["password"])
    step(f"login {account['email']}: OneID authorize, form, commonauth, token; bff-web "
         f"access token (expires in {session.oauth.token['expires_in']} s)")

    try:
        NCISession("EU").login(account["email"], account["password"] + "-wrong")
    except NissanAuthError as error:
        step(f"login with a wrong password: refused with NissanAuthError ({error})")
    else:
        raise AssertionError("a wrong password logged in")

    step(f"user: {session.user_id}")
    cars = session.fetch_vehicles()
    assert cars, "no cars"
    for car in cars:
        step(f"car {car.vin}: {car.model_name} ({car.nickname}), canGen {car.can_generation}, "
             f"gateway {car.vehicle_gateway}, services {sorted(features(car), key=int)}")
    advertised = set().union(*(features(car) for car in cars))
    assert REQUIRED_SERVICES <= advertised, f"missing {REQUIRED_SERVICES - advertised}"
    assert "319" in features(cars[0]), "the first car is not an EV with 319"
    assert any("2021" in features(car) for car in cars)

    for car in cars:
        read_car(car, "read")

    for car in cars:
        services = features(car)
        refresh(session, settings, car)
        if "366" in services:
            climate(session, settings, car)
        if "299" in services:
            charge(session, settings, car)
        if "97" in services:
            horn_lights(session, settings, car)

    expire_and_refresh(session, cars[0])

    for car in cars:
        read_car(car, "read again")
    notifications(cars[0])

    if cli:
        compare_with_cli(cli, info, account, cars)
    else:
        note("no carport-cli given; its comparison is skipped")


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.reconfigure(line_buffering=True)
    print(f"client: kamereon from {os.path.dirname(kamereon.__file__)}")
    simulator = subprocess.Popen(
        [sys.argv[1], "--port", "0", "--command-delay-ms", str(COMMAND_DELAY_MS),
         "--charge-rate", "0"],
        stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(simulator.stdout.readline())
        run(info, sys.argv[2] if len(sys.argv) == 3 else None)
    except Exception as error:  # noqa: BLE001 - one line, then the traceback
        import traceback
        traceback.print_exc()
        print(f"FAIL: {type(error).__name__}: {error}")
        return 1
    finally:
        simulator.terminate()
        simulator.wait(timeout=10)
    print(f"the Nissan client works against the simulator ({len(notes)} notes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
