import { Link } from "@tanstack/react-router";
import { ArrowLeft, SquarePen } from "lucide-react";
import { ButtonLink } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { AssistantConversationView, NewAssistantConversation } from "./assistant-chat.tsx";
import { ConversationList } from "./conversation-list.tsx";

/**
 * The AI assistant: the member's conversations beside the open one (or a new one). On a phone,
 * one at a time: a new question above the list, or the open conversation with a way back.
 */
export function AssistantScreen({
  slug,
  conversationId,
}: {
  slug: string;
  conversationId?: string;
}) {
  return (
    <div className="space-y-4">
      <PageHeader
        title="Assistant"
        description="Ask about your organization: it looks things up with your own access."
        actions={
          conversationId ? (
            <ButtonLink to="/o/$slug/assistant" params={{ slug }}>
              <SquarePen aria-hidden="true" className="size-4" />
              New conversation
            </ButtonLink>
          ) : null
        }
      />
      <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <div className={conversationId ? "hidden lg:block" : "order-last lg:order-none"}>
          <ConversationList slug={slug} activeId={conversationId} />
        </div>
        <div className="min-w-0 space-y-2">
          {conversationId ? (
            <>
              <Link
                to="/o/$slug/assistant"
                params={{ slug }}
                className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground lg:hidden"
              >
                <ArrowLeft aria-hidden="true" className="size-4" />
                All conversations
              </Link>
              <AssistantConversationView
                key={conversationId}
                slug={slug}
                conversationId={conversationId}
              />
            </>
          ) : (
            <NewAssistantConversation slug={slug} />
          )}
        </div>
      </div>
    </div>
  );
}
