package dev.switchboard.sandbox.internal.conversation;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads why the agent calls from its prompt, phrased for the person on the line: "You are calling
 * to remind the customer of their appointment" becomes "to remind you of your appointment".
 */
final class Purpose {

    private static final Pattern CALLING = Pattern.compile(
            "(?i)\\b(?:calling|call|reaching out|contacting (?:the )?\\w+|phoning)\\s+((?:to|about|regarding|because)\\s+[^.!?\\n]{3,160})");
    private static final Pattern GOAL = Pattern.compile(
            "(?i)\\b(?:your|the)\\s+(?:goal|task|job|purpose|objective|role)\\s+is\\s+(?:to\\s+)?([^.!?\\n]{3,160})");
    private static final Pattern COMPANY = Pattern.compile(
            "\\b(?:for|at|from|with)\\s+((?:[A-Z][\\w&'-]*)(?:\\s+(?:[A-Z][\\w&'-]*|of|and|&))*)");

    private static final String[][] PERSON = {
            {"the customer's", "your"}, {"the caller's", "your"}, {"the user's", "your"}, {"the lead's", "your"},
            {"the patient's", "your"}, {"the client's", "your"}, {"the contact's", "your"},
            {"the customer", "you"}, {"the caller", "you"}, {"the user", "you"}, {"the lead", "you"},
            {"the patient", "you"}, {"the client", "you"}, {"the contact", "you"}, {"the person", "you"},
            {"them", "you"}, {"their", "your"}, {"theirs", "yours"}, {"they are", "you are"}, {"they", "you"},
            {"themselves", "yourself"}, {"him", "you"}, {"her", "your"}, {"his", "your"},
    };

    private Purpose() {
    }

    /** "to …" or "about …", ready to follow "I'm calling"; a general follow-up when the prompt says nothing usable. */
    static String of(String prompt) {
        if (prompt != null && !prompt.isBlank()) {
            Matcher calling = CALLING.matcher(prompt);
            if (calling.find()) {
                return tidy(toSecondPerson(calling.group(1)));
            }
            Matcher goal = GOAL.matcher(prompt);
            if (goal.find()) {
                String phrase = toSecondPerson(goal.group(1));
                return tidy(phrase.toLowerCase(Locale.ROOT).startsWith("to ") ? phrase : "to " + phrase);
            }
        }
        return "to follow up on your recent request";
    }

    /** The business named in a prompt such as "You are Ava, a receptionist for Bright Smiles Dental." */
    static String company(String prompt) {
        if (prompt == null) {
            return null;
        }
        Matcher matcher = COMPANY.matcher(prompt);
        while (matcher.find()) {
            String name = matcher.group(1).strip();
            if (!name.isEmpty() && !name.equals("I") && name.length() <= 60) {
                return name.replaceAll("\\s+(?:of|and|&)$", "");
            }
        }
        return null;
    }

    static String toSecondPerson(String phrase) {
        String result = " " + phrase.strip() + " ";
        for (String[] swap : PERSON) {
            result = result.replaceAll("(?i)(?<=[\\s(])" + Pattern.quote(swap[0]) + "(?=[\\s,;:)])", swap[1]);
        }
        return result.strip();
    }

    /** "to remind you of your appointment" as said about the person: "to remind them of their appointment". */
    static String toThirdPerson(String phrase) {
        return phrase.replaceAll("\\byourself\\b", "themselves").replaceAll("\\byours\\b", "theirs")
                .replaceAll("\\byour\\b", "their").replaceAll("\\byou are\\b", "they are")
                .replaceAll("\\byou\\b", "them");
    }

    private static String tidy(String phrase) {
        String result = phrase.strip().replaceAll("\\s+", " ");
        while (!result.isEmpty() && ",;:-".indexOf(result.charAt(result.length() - 1)) >= 0) {
            result = result.substring(0, result.length() - 1).strip();
        }
        if (!result.isEmpty()) {
            result = Character.toLowerCase(result.charAt(0)) + result.substring(1);
        }
        return result;
    }
}
