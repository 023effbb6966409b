package dev.switchboard.sandbox.internal.api;

import dev.switchboard.sandbox.internal.http.ApiException;
import dev.switchboard.sandbox.internal.http.ApiRequest;
import dev.switchboard.sandbox.internal.http.ApiResponse;
import dev.switchboard.sandbox.internal.http.Json;
import dev.switchboard.sandbox.internal.http.Router;
import dev.switchboard.sandbox.internal.telephony.Account;
import dev.switchboard.sandbox.internal.telephony.Accounts;
import dev.switchboard.sandbox.internal.telephony.PhoneNumbers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Phone numbers as in the SDK's {@code phone-number.ts}: buying a fictional number (US 555-01XX
 * numbers, reserved for fiction), importing one from "custom telephony", binding inbound and
 * outbound agents, listing and deleting.
 */
public final class NumberApi {

    private static final List<String> WRITABLE = List.of("nickname", "inbound_agent_id", "outbound_agent_id",
            "inbound_agent_version", "outbound_agent_version", "inbound_agents", "outbound_agents",
            "inbound_webhook_url", "allowed_inbound_country_list", "allowed_outbound_country_list",
            "fallback_number");

    private final Accounts accounts;
    private final Clock clock;

    public NumberApi(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.add("POST", "/create-phone-number", this::create)
                .add("POST", "/import-phone-number", this::importNumber)
                .add("GET", "/get-phone-number/{number}", this::get)
                .add("PATCH", "/update-phone-number/{number}", this::update)
                .add("DELETE", "/delete-phone-number/{number}", this::delete)
                .add("GET", "/list-phone-numbers", r -> list(r, false))
                .add("GET", "/v2/list-phone-numbers", r -> list(r, true));
    }

    private ApiResponse create(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            String country = Json.text(body, "country_code");
            if (country != null && !List.of("US", "CA").contains(country.toUpperCase(Locale.ROOT))) {
                throw ApiException.badRequest("country_code must be US or CA");
            }
            Long areaCode = Json.longValue(body, "area_code");
            boolean tollFree = Boolean.TRUE.equals(Json.booleanValue(body, "toll_free"));
            if (areaCode != null && (areaCode < 200 || areaCode > 999)) {
                throw ApiException.badRequest("area_code must be a 3 digit US area code such as 415, but was "
                        + areaCode);
            }
            String number = Json.text(body, "phone_number");
            if (number != null) {
                PhoneNumbers.require("phone_number", number);
                if (account.numbers().containsKey(number)) {
                    throw ApiException.badRequest("phone_number " + number + " is already in this account");
                }
            } else {
                number = fictionalNumber(account, areaCode != null ? areaCode.intValue() : tollFree ? 800 : 415);
            }
            validateAgents(account, body);
            ObjectNode phone = Json.object();
            phone.put("phone_number", number);
            phone.put("phone_number_pretty", PhoneNumbers.pretty(number));
            phone.put("phone_number_type", "telnyx".equals(Json.text(body, "number_provider")) ? "retell-telnyx"
                    : "retell-twilio");
            Integer area = PhoneNumbers.areaCode(number);
            if (area != null) {
                phone.put("area_code", area);
            }
            copyWritable(phone, body);
            phone.put("last_modification_timestamp", clock.millis());
            account.numbers().put(number, phone);
            return ApiResponse.created(phone.deepCopy());
        }
    }

    private ApiResponse importNumber(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            String number = Json.text(body, "phone_number");
            if (number == null || number.isBlank()) {
                throw ApiException.badRequest("phone_number is required, in E.164 format such as +14155550123");
            }
            if (!Boolean.TRUE.equals(Json.booleanValue(body, "ignore_e164_validation"))) {
                PhoneNumbers.require("phone_number", number);
            }
            String termination = Json.text(body, "termination_uri");
            if (termination == null || termination.isBlank()) {
                throw ApiException.badRequest("termination_uri is required: the SIP trunk outbound calls go to, "
                        + "such as example.pstn.twilio.com");
            }
            if (account.numbers().containsKey(number)) {
                throw ApiException.badRequest("phone_number " + number + " is already in this account");
            }
            validateAgents(account, body);
            ObjectNode phone = Json.object();
            phone.put("phone_number", number);
            phone.put("phone_number_pretty", PhoneNumbers.pretty(number));
            phone.put("phone_number_type", "custom");
            Integer area = PhoneNumbers.areaCode(number);
            if (area != null) {
                phone.put("area_code", area);
            }
            copyWritable(phone, body);
            ObjectNode trunk = phone.putObject("sip_outbound_trunk_config");
            trunk.put("termination_uri", termination);
            if (Json.text(body, "sip_trunk_auth_username") != null) {
                trunk.put("auth_username", Json.text(body, "sip_trunk_auth_username"));
            }
            trunk.put("transport", Json.text(body, "transport") == null ? "TCP" : Json.text(body, "transport"));
            phone.put("last_modification_timestamp", clock.millis());
            account.numbers().put(number, phone);
            return ApiResponse.created(phone.deepCopy());
        }
    }

    private ApiResponse get(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            return ApiResponse.ok(number(account, request.param("number")).deepCopy());
        }
    }

    private ApiResponse update(ApiRequest request) {
        JsonNode body = request.jsonObject();
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            ObjectNode phone = number(account, request.param("number"));
            validateAgents(account, body);
            copyWritable(phone, body);
            phone.put("last_modification_timestamp", clock.millis());
            return ApiResponse.ok(phone.deepCopy());
        }
    }

    private ApiResponse delete(ApiRequest request) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            String number = request.param("number");
            number(account, number);
            account.numbers().remove(number);
            return ApiResponse.noContent();
        }
    }

    private ApiResponse list(ApiRequest request, boolean paged) {
        Account account = accounts.forKey(request.apiKey());
        synchronized (account) {
            return AgentApi.list(request, new ArrayList<>(account.numbers().values()), "phone_number", paged,
                    ObjectNode::deepCopy);
        }
    }

    static ObjectNode number(Account account, String number) {
        ObjectNode phone = account.numbers().get(number);
        if (phone == null) {
            throw ApiException.unknownAsset("phone number " + number);
        }
        return phone;
    }

    private static void copyWritable(ObjectNode phone, JsonNode body) {
        for (String field : WRITABLE) {
            if (body.has(field)) {
                phone.set(field, body.get(field).deepCopy());
            }
        }
    }

    private static void validateAgents(Account account, JsonNode body) {
        for (String field : List.of("inbound_agent_id", "outbound_agent_id")) {
            String id = Json.text(body, field);
            if (id != null && !account.agents().containsKey(id)) {
                throw ApiException.badRequest(field + " " + id + " is not an agent of this account");
            }
        }
        for (String field : List.of("inbound_agents", "outbound_agents")) {
            JsonNode list = body.get(field);
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw ApiException.badRequest(field + " must be a list of {agent_id, weight}");
            }
            double total = 0;
            for (JsonNode entry : list) {
                String id = Json.text(entry, "agent_id");
                Double weight = Json.doubleValue(entry, "weight");
                if (id == null || !account.agents().containsKey(id) || weight == null || weight < 0) {
                    throw ApiException.badRequest(field + " entries need an agent_id of this account and a weight");
                }
                total += weight;
            }
            if (!list.isEmpty() && Math.abs(total - 1.0) > 1e-6) {
                throw ApiException.badRequest(field + " weights must add up to 1");
            }
        }
    }

    /** A number in the 555-0100..0199 range, reserved for fiction, or elsewhere in 555 when those are taken. */
    private static String fictionalNumber(Account account, int areaCode) {
        for (int line = 100; line <= 199; line++) {
            String number = String.format(Locale.ROOT, "+1%03d5550%03d", areaCode, line);
            if (!account.numbers().containsKey(number)) {
                return number;
            }
        }
        for (int line = 2000; line <= 9999; line++) {
            String number = String.format(Locale.ROOT, "+1%03d555%04d", areaCode, line);
            if (!account.numbers().containsKey(number)) {
                return number;
            }
        }
        throw ApiException.badRequest("no more numbers in area code " + areaCode + "; try another area_code");
    }
}
