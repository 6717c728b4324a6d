package io.github.recoverygates.repair;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python file's bytes as text a repair can edit: UTF-8 (a byte order mark kept aside), no null
 * bytes, no coding cookie for another encoding with non-ASCII bytes. Anything else is refused,
 * with the reason.
 *
 * @param text    the decoded text (null when refused)
 * @param bom     the byte order mark the file starts with, or empty
 * @param refusal why the file cannot be edited as text, or null
 */
record SourceBytes(String text, byte[] bom, String sha256, String refusal) {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Pattern COOKIE = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)", Pattern.MULTILINE);

    static SourceBytes of(byte[] bytes) {
        String sha = sha256(bytes);
        for (byte b : bytes) {
            if (b == 0) {
                return refused(sha, "it holds null bytes (binary content): not a text repair");
            }
        }
        boolean bom = bytes.length >= 3 && bytes[0] == UTF8_BOM[0] && bytes[1] == UTF8_BOM[1] && bytes[2] == UTF8_BOM[2];
        int from = bom ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException e) {
            return refused(sha, "it is not UTF-8 text: its encoding has to be fixed by someone who knows it");
        }
        String head = text.lines().limit(2).reduce("", (a, b) -> a + b + "\n");
        Matcher m = COOKIE.matcher(head);
        if (m.find()) {
            String codec = m.group(1).toLowerCase(Locale.ROOT).replace('_', '-');
            boolean utf8 = codec.equals("utf-8") || codec.equals("utf8") || codec.startsWith("utf-8-");
            if (!utf8 && !text.chars().allMatch(c -> c < 0x80)) {
                return refused(sha, "it declares the encoding '" + m.group(1) + "': only UTF-8 files are edited");
            }
        }
        return new SourceBytes(text, bom ? UTF8_BOM.clone() : new byte[0], sha, null);
    }

    private static SourceBytes refused(String sha, String why) {
        return new SourceBytes(null, new byte[0], sha, why);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
