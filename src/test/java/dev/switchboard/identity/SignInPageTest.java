package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.switchboard.testing.Api;
import dev.switchboard.testing.SwitchboardTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The sign-in page returns people where they were going, and only ever to this server. */
@SwitchboardTest
class SignInPageTest {

    @Autowired MockMvc mvc;

    @Test
    void signInReturnsToTheRequestedPage() throws Exception {
        Api api = new Api(mvc);
        Api.Account account = api.signUp("Next Co");
        MvcResult redirected = api.perform(get("/settings/members").accept(MediaType.TEXT_HTML));
        assertThat(redirected.getResponse().getRedirectedUrl()).isEqualTo("/signin?next=%2Fsettings%2Fmembers");
        MvcResult page = api.perform(get("/signin").param("next", "/settings/members").accept(MediaType.TEXT_HTML));
        assertThat(page.getResponse().getContentAsString()).contains("name=\"next\" value=\"/settings/members\"");
        MvcResult signedIn = api.perform(post("/signin").with(csrf()).with(Api.randomIp()).accept(MediaType.TEXT_HTML)
                .param("email", account.email()).param("password", account.password()).param("next", "/settings/members"));
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/settings/members");
        assertThat(signedIn.getResponse().getCookie("sb_session").isHttpOnly()).isTrue();
    }

    @Test
    void anotherSiteIsNeverTheDestination() {
        Api api = new Api(mvc);
        Api.Account account = api.signUp("Open redirect Co");
        for (String next : new String[] {"//evil.example/x", "https://evil.example", "/\\evil.example"}) {
            MvcResult signedIn = api.perform(post("/signin").with(csrf()).with(Api.randomIp()).accept(MediaType.TEXT_HTML)
                    .param("email", account.email()).param("password", account.password()).param("next", next));
            assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
        }
    }

    @Test
    void wrongPasswordShowsTheFormAgainWithTheEmailKept() throws Exception {
        Api api = new Api(mvc);
        Api.Account account = api.signUp("Wrong Co");
        MvcResult failed = api.perform(post("/signin").with(csrf()).with(Api.randomIp()).accept(MediaType.TEXT_HTML)
                .param("email", account.email()).param("password", "not the password"));
        assertThat(failed.getResponse().getStatus()).isEqualTo(401);
        assertThat(failed.getResponse().getContentAsString()).contains(account.email()).contains("incorrect");
    }
}
